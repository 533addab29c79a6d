using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults.Downstream;

/// <summary>
/// Calls another service of the Platform so that every failure is a <see cref="DownstreamException"/>
/// carrying the answer of the one table (ServiceDefaults/README.md, "Downstream failures"); our
/// caller's own cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
public static class DownstreamHttpExtensions
{
    /// <summary>
    /// Sends <paramref name="request"/> and reads the JSON answer.
    /// <code>
    /// var cart = await http.SendToServiceAsync&lt;Cart&gt;("cart", new HttpRequestMessage(HttpMethod.Get, $"/api/cart/{id}"), ct);
    /// </code>
    /// </summary>
    /// <exception cref="DownstreamException">The service rejected the request, failed, could not be reached, did not answer in time, or answered a body that is not a <typeparamref name="T"/>.</exception>
    public static async Task<T> SendToServiceAsync<T>(this HttpClient http, string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(http, service, request, cancellationToken);
        return await ReadAsync<T>(response, service, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="request"/> and ignores the body of a success (<c>DELETE</c> → 204).
    /// <code>await http.SendToServiceAsync("cart", new HttpRequestMessage(HttpMethod.Delete, $"/api/cart/{id}"), ct);</code>
    /// </summary>
    /// <exception cref="DownstreamException">The service rejected the request, failed, could not be reached or did not answer in time.</exception>
    public static async Task SendToServiceAsync(this HttpClient http, string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(http, service, request, cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendCoreAsync(HttpClient http, string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (DownstreamFailures.FromException(service, e, cancellationToken) is { } failure)
        {
            throw failure;
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            throw DownstreamFailures.FromResponse(service, (int)response.StatusCode, response.ReasonPhrase, problem);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string service, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw DownstreamFailures.Unreadable(service, status, null, "an empty body (null)");
        }
        catch (JsonException e)
        {
            throw DownstreamFailures.Unreadable(service, status, e, $"a body that is not the expected JSON ({e.Message})");
        }
        catch (NotSupportedException e)
        {
            throw DownstreamFailures.Unreadable(service, status, e, $"a body that is not JSON ({response.Content.Headers.ContentType?.MediaType ?? "no content type"})");
        }
        catch (Exception e) when (DownstreamFailures.FromException(service, e, cancellationToken) is { } failure)
        {
            throw failure; // the body broke off or did not come in time
        }
    }

    /// <summary>The service's problem details, or null when its error answer has none (or not as JSON).</summary>
    private static async Task<ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null; // the status alone still says what happened
        }
    }
}
