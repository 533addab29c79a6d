using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Platform.Incident.Infrastructure;

/// <summary>A flag as FlagService's <c>GET /api/flags</c> lists it (only what the tool shows).</summary>
internal sealed record FlagState(string Key, string State, string? DefaultVariant);

/// <summary>
/// FlagService's admin API: <c>GET /api/flags</c> and <c>PUT /api/flags/{key}</c> with the bearer token. Every
/// failure becomes an <see cref="IncidentException"/> whose message names the fix, never a stack trace.
/// </summary>
internal sealed class FlagsAdminClient(HttpClient http, Func<string> adminToken)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<FlagState>> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/flags"), cancellationToken);
        await EnsureSuccessAsync(response, "listing the flags", cancellationToken);
        return await response.Content.ReadFromJsonAsync<List<FlagState>>(Json, cancellationToken)
            ?? throw new IncidentException($"FlagService at {http.BaseAddress} answered an empty flag list.");
    }

    public async Task SetVariantAsync(string key, string variant, CancellationToken cancellationToken)
    {
        // The token is read only when a change is made: `list` and `status` work without it.
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/flags/{Uri.EscapeDataString(key)}")
        {
            Content = JsonContent.Create(new { defaultVariant = variant }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken());
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, $"setting {key} to {variant}", cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError == HttpRequestError.ConnectionError)
            {
                throw new IncidentException(
                    $"FlagService is not reachable at {http.BaseAddress} ({ex.Message}). Start the Platform (dotnet run --project AppHost) " +
                    "or pass FlagService's address with --flags-url.");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IncidentException($"FlagService at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s. Is it overloaded or stopped in a debugger?");
            }
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new IncidentException(
                $"FlagService refused the admin token while {what} (401). Use the token the AppHost generated: set Flags__AdminToken or " +
                $"--token-file to .apphost/secrets/flags-admin-token of the running Platform."),
            HttpStatusCode.ServiceUnavailable => new IncidentException(
                $"FlagService has no admin token configured, so flags cannot be changed (503). Start it with Flags__AdminToken set (the AppHost does)."),
            _ => new IncidentException($"FlagService answered {(int)response.StatusCode} while {what}: {body}"),
        };
    }
}
