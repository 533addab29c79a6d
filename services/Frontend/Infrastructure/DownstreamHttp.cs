using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Frontend.Infrastructure;

/// <summary>
/// Sends a request to another service and reads its JSON answer; every failure becomes a
/// <see cref="DownstreamException"/> carrying a problem with a status and a detail:
/// the service's own problem details (status kept), a problem written here when the service
/// answered an error without one, 502 when it cannot be reached, 503 while the circuit breaker
/// is open, 504 when it did not answer in time.
/// </summary>
public static class DownstreamHttp
{
    private const string UpstreamExtension = "upstream";

    public static async Task<T> SendAsync<T>(HttpClient http, string service, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await SendCoreAsync(http, service, request, ct);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ct)
                ?? throw new JsonException("The body is empty.");
        }
        catch (JsonException e)
        {
            throw new DownstreamException(service, Problem(service, StatusCodes.Status502BadGateway,
                $"{service} answered {(int)response.StatusCode} with a body that is not the expected JSON: {e.Message}"), e);
        }
    }

    public static async Task SendAsync(HttpClient http, string service, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await SendCoreAsync(http, service, request, ct);
    }

    private static async Task<HttpResponseMessage> SendCoreAsync(HttpClient http, string service, HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (TimeoutRejectedException e)
        {
            throw new DownstreamException(service, Problem(service, StatusCodes.Status504GatewayTimeout,
                $"{service} did not answer in time: {e.Message}"), e);
        }
        catch (BrokenCircuitException e)
        {
            throw new DownstreamException(service, Problem(service, StatusCodes.Status503ServiceUnavailable,
                $"{service} is failing; calls are paused by the circuit breaker: {e.Message}"), e);
        }
        catch (HttpRequestException e)
        {
            throw new DownstreamException(service, Problem(service, StatusCodes.Status502BadGateway,
                $"{service} is unreachable: {e.Message}"), e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new DownstreamException(service, Problem(service, StatusCodes.Status504GatewayTimeout,
                $"{service} did not answer in time."), e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = await ReadProblemAsync(response, ct) ?? Problem(service, (int)response.StatusCode,
                $"{service} answered {(int)response.StatusCode} {response.ReasonPhrase} without problem details.");
            problem.Status = (int)response.StatusCode;
            problem.Extensions[UpstreamExtension] = service;
            throw new DownstreamException(service, problem);
        }
    }

    private static async Task<ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(ct);
            if (problem is null)
            {
                return null;
            }

            // Only a validation problem carries field errors; keep the plain type otherwise so the
            // answer passed on is the same shape the service sent.
            return problem.Errors.Count > 0 ? problem : CopyWithoutErrors(problem);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemDetails CopyWithoutErrors(HttpValidationProblemDetails source)
    {
        var problem = new ProblemDetails
        {
            Type = source.Type,
            Title = source.Title,
            Status = source.Status,
            Detail = source.Detail,
            Instance = source.Instance,
        };
        foreach (var (key, value) in source.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static ProblemDetails Problem(string service, int status, string detail) => new()
    {
        Status = status,
        Title = status switch
        {
            StatusCodes.Status504GatewayTimeout => "Gateway timeout",
            StatusCodes.Status502BadGateway => "Bad gateway",
            StatusCodes.Status503ServiceUnavailable => "Service unavailable",
            _ => $"{service} failed",
        },
        Detail = detail,
        Extensions = { [UpstreamExtension] = service },
    };
}
