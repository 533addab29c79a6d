using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Checkout.Infrastructure;

/// <summary>Sends a request to another service and turns failures into <see cref="DownstreamException"/>.</summary>
internal static class DownstreamHttp
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new DownstreamException(service, DownstreamFailure.Unreachable, null, $"{service} is unreachable ({ex.Message}).", ex);
        }
        catch (Exception ex) when (ex is Polly.Timeout.TimeoutRejectedException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DownstreamException(service, DownstreamFailure.Unreachable, null, $"{service} did not answer in time.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex.GetType().Name.Contains("BrokenCircuit", StringComparison.Ordinal))
        {
            throw new DownstreamException(service, DownstreamFailure.Unreachable, null, $"{service} is unavailable (circuit open).", ex);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            var detail = problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "no detail";
            var failure = status >= 500 ? DownstreamFailure.Failed : DownstreamFailure.Rejected;
            throw new DownstreamException(service, failure, status, detail, null, problem?.Errors);
        }
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, string service, CancellationToken cancellationToken)
    {
        using (response)
        {
            try
            {
                return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                    ?? throw new JsonException("null body");
            }
            catch (JsonException ex)
            {
                throw new DownstreamException(service, DownstreamFailure.Failed, (int)response.StatusCode, $"{service} answered with an unexpected body.", ex);
            }
        }
    }

    private static async Task<HttpValidationProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }
}
