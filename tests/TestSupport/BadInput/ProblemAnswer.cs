using System.Net.Http;
using System.Text.Json;

namespace Platform.Testing.BadInput;

/// <summary>What a bad request got back, read once, for the bad-input tables and fuzz passes to assert on.</summary>
public sealed record ProblemAnswer(int Status, string? MediaType, string Body, IReadOnlyList<string> ErrorFields)
{
    public bool IsProblem => MediaType == "application/problem+json";

    public static async Task<ProblemAnswer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var fields = new List<string>();
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                fields.AddRange(errors.EnumerateObject().Select(e => e.Name));
            }
        }

        return new((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, fields);
    }

    public override string ToString() => $"{Status} {MediaType}: {(Body.Length > 600 ? Body[..600] + "…" : Body)}";
}
