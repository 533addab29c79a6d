using System.Diagnostics;
using System.Net;

namespace Platform.LoadGenerator.Infrastructure;

/// <summary>
/// Sends one user's requests to the Frontend: each carries the session id and the synthetic mark in W3C baggage
/// (<c>baggage: session.id=…,synthetic_request=true</c>, as the OpenTelemetry demo's load generator does) and is
/// timed and counted under its task. 2xx/3xx is a success, 404 is counted apart (a route not built yet), the
/// rest (and no answer in time) is an error.
/// </summary>
public sealed class FrontendRequests(HttpClient http, LoadStatistics statistics, string sessionId)
{
    public const string SyntheticBaggage = "synthetic_request=true";

    public string SessionId => sessionId;

    /// <summary>Sends the request; answers the response's body when it succeeded, else null.</summary>
    public async Task<string?> SendAsync(string task, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("baggage", $"session.id={sessionId},{SyntheticBaggage}");
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var outcome = response.StatusCode == HttpStatusCode.NotFound ? RequestOutcome.NotFound
                : (int)response.StatusCode < 400 ? RequestOutcome.Success
                : RequestOutcome.Error;
            statistics.Record(task, Stopwatch.GetElapsedTime(started), outcome);
            return outcome == RequestOutcome.Success ? body : null;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            statistics.Record(task, Stopwatch.GetElapsedTime(started), RequestOutcome.Error);
            return null;
        }
    }
}
