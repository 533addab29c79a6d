using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Flags;

/// <summary>
/// <see cref="IFeatureFlags"/> over OFREP: <c>POST /ofrep/v1/evaluate/flags/{key}</c> on FlagService
/// (<c>http://flagservice</c>, resolved by service discovery from <c>services:flagservice:http:0</c>). Answers are cached briefly per flag and context;
/// every failure returns the caller's default, logs a (rate-limited) warning and counts
/// <c>app.feature_flag.fallbacks</c>. Each evaluation adds a <c>feature_flag.evaluation</c> event to
/// the current span, so a trace shows which flags shaped the request.
/// </summary>
public sealed class OfrepFeatureFlags : IFeatureFlags, IDisposable
{
    /// <summary>The configuration key of FlagService's address.</summary>
    public const string AddressKey = $"services:{ResourceNames.FlagService}:http:0";

    /// <summary>The name of the HttpClient this client uses (service discovery, no resilience handler: one short attempt, then the default).</summary>
    public const string HttpClientName = "Platform.ServiceDefaults.Flags";

    /// <summary>FlagService's logical address, which service discovery resolves.</summary>
    public static Uri BaseAddress { get; } = new($"http://{ResourceNames.FlagService}/");

    /// <summary>Counter of evaluations that returned the default because FlagService could not answer.</summary>
    public const string FallbackCounterName = "app.feature_flag.fallbacks";

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    /// <summary>OFREP's reason for a value resolved without targeting (the default variant of a flag with no rules).</summary>
    private const string StaticReason = "STATIC";

    /// <summary>The cache's body slot for an answer shared by every context; no OFREP body (a JSON object) equals it.</summary>
    private const string StaticAnswer = "static";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<FlagsOptions> _options;
    private readonly ILogger<OfrepFeatureFlags> _logger;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly ConcurrentDictionary<string, long> _lastWarning = new();
    private readonly Meter _meter;
    private readonly Counter<long> _fallbacks;

    /// <summary>Created by DI (<c>AddFeatureFlags</c>); inject <see cref="IFeatureFlags"/> instead.</summary>
    public OfrepFeatureFlags(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<FlagsOptions> options,
        IConfiguration configuration,
        IMeterFactory meterFactory,
        ILogger<OfrepFeatureFlags> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _httpClientFactory = httpClientFactory;
        _options = options;
        _logger = logger;
        // Without an address discovery would try DNS for "flagservice": a deployment without flags is told once, at start.
        IsConfigured = !string.IsNullOrWhiteSpace(configuration[AddressKey]);

        _meter = meterFactory.Create(TelemetryNames.ServiceDefaultsMeter);
        _fallbacks = _meter.CreateCounter<long>(
            FallbackCounterName, unit: "{evaluation}", description: "Flag evaluations that returned the default value because FlagService could not answer.");
    }

    /// <summary>Whether FlagService's address is configured; when it is not, every flag is its default.</summary>
    public bool IsConfigured { get; }

    /// <inheritdoc />
    public ValueTask<bool> GetBooleanAsync(string key, bool defaultValue, FlagContext? context = null, CancellationToken cancellationToken = default) =>
        EvaluateAsync(key, defaultValue, context, static v => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? (true, v.GetBoolean()) : (false, default), cancellationToken);

    /// <inheritdoc />
    public ValueTask<string> GetStringAsync(string key, string defaultValue, FlagContext? context = null, CancellationToken cancellationToken = default) =>
        EvaluateAsync(key, defaultValue, context, static v => v.ValueKind == JsonValueKind.String ? (true, v.GetString()!) : (false, string.Empty), cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> GetIntegerAsync(string key, long defaultValue, FlagContext? context = null, CancellationToken cancellationToken = default) =>
        EvaluateAsync(key, defaultValue, context, static v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? (true, n) : (false, 0L), cancellationToken);

    /// <inheritdoc />
    public ValueTask<double> GetDoubleAsync(string key, double defaultValue, FlagContext? context = null, CancellationToken cancellationToken = default) =>
        EvaluateAsync(key, defaultValue, context, static v => v.ValueKind == JsonValueKind.Number ? (true, v.GetDouble()) : (false, 0d), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _cache.Dispose();
        _meter.Dispose();
    }

    private async ValueTask<T> EvaluateAsync<T>(string key, T defaultValue, FlagContext? context, Func<JsonElement, (bool Ok, T Value)> convert, CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (!IsConfigured)
        {
            // Not a failure but a deployment without flags: the warning was logged once at start.
            return defaultValue;
        }

        OfrepEvaluation evaluation;
        try
        {
            var body = SerializeRequest(context);
            evaluation = await GetCachedAsync(key, body).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            evaluation = OfrepEvaluation.Failure("cancelled", "the caller cancelled the evaluation");
        }
        catch (Exception exception)
        {
            // The contract is "never throws": an attribute that cannot be serialized is a failure like any other.
            evaluation = OfrepEvaluation.Failure("general", exception.Message);
        }

        if (evaluation.IsSuccess)
        {
            var (ok, value) = convert(evaluation.Value);
            if (ok)
            {
                RecordEvent(key, evaluation.Variant, evaluation.Reason, errorType: null);
                return value;
            }

            evaluation = OfrepEvaluation.Failure("type_mismatch", $"expected {typeof(T).Name}, FlagService returned {evaluation.Value.ValueKind}");
        }

        Fallback(key, evaluation, defaultValue);
        return defaultValue;
    }

    /// <summary>
    /// The task itself is cached, so concurrent callers of a cold flag share one HTTP call, and a
    /// failure is cached as well, so a FlagService outage costs at most one timeout per flag and interval.
    /// </summary>
    private Task<OfrepEvaluation> GetCachedAsync(string key, string body)
    {
        var duration = _options.CurrentValue.CacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return FetchAsync(key, body);
        }

        // A flag without targeting answers the same for every context: one answer serves every shopper.
        if (_cache.TryGetValue((key, StaticAnswer), out Task<OfrepEvaluation>? shared) && shared is not null)
        {
            return shared;
        }

        return _cache.GetOrCreate((key, body), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = duration;
            return FetchAndShareStaticAsync(key, body, duration);
        })!;
    }

    /// <summary>
    /// Fetches and, when FlagService says the value is <c>STATIC</c> (the flag has no targeting, so the
    /// context played no part), caches it for every context too. Without this each new user id costs
    /// one call per flag: on a checkout path that is most of FlagService's load.
    /// </summary>
    private async Task<OfrepEvaluation> FetchAndShareStaticAsync(string key, string body, TimeSpan duration)
    {
        var evaluation = await FetchAsync(key, body).ConfigureAwait(false);
        if (evaluation.IsSuccess && string.Equals(evaluation.Reason, StaticReason, StringComparison.OrdinalIgnoreCase))
        {
            _ = _cache.Set((key, StaticAnswer), Task.FromResult(evaluation), duration);
        }

        return evaluation;
    }

    private async Task<OfrepEvaluation> FetchAsync(string key, string body)
    {
        var options = _options.CurrentValue;
        using var timeout = new CancellationTokenSource(options.RequestTimeout);
        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, "ofrep/v1/evaluate/flags/" + Uri.EscapeDataString(key))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            return await ParseAsync(response, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return OfrepEvaluation.Failure("timeout", $"no answer within {options.RequestTimeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException exception)
        {
            return OfrepEvaluation.Failure("unavailable", exception.Message);
        }
        catch (JsonException exception)
        {
            return OfrepEvaluation.Failure("parse_error", exception.Message);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return OfrepEvaluation.Failure("general", exception.Message);
        }
    }

    private static async Task<OfrepEvaluation> ParseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound))
        {
            return OfrepEvaluation.Failure(status >= 500 ? "unavailable" : "general", $"FlagService answered {status}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return OfrepEvaluation.Failure("parse_error", "the OFREP answer is not a JSON object");
        }

        var errorCode = GetString(root, "errorCode");
        if (errorCode is not null || status != 200)
        {
            return OfrepEvaluation.Failure((errorCode ?? "general").ToLowerInvariant(), GetString(root, "errorDetails"));
        }

        if (!root.TryGetProperty("value", out var value))
        {
            return OfrepEvaluation.Failure("parse_error", "the OFREP answer has no value");
        }

        return new OfrepEvaluation(value.Clone(), GetString(root, "variant"), GetString(root, "reason"), null, null);
    }

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    /// <summary>OFREP body: <c>{"context": {"targetingKey": "...", ...attributes}}</c>. Also the cache key.</summary>
    private static string SerializeRequest(FlagContext? context)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("context");
            if (context?.TargetingKey is { } targetingKey)
            {
                writer.WriteString("targetingKey", targetingKey);
            }

            if (context?.Attributes is { } attributes)
            {
                foreach (var (name, value) in attributes)
                {
                    writer.WritePropertyName(name);
                    JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object), SerializerOptions);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private void Fallback(string key, OfrepEvaluation evaluation, object defaultValue)
    {
        var errorType = evaluation.ErrorType ?? "general";
        _fallbacks.Add(1, new KeyValuePair<string, object?>("feature_flag.key", key), new KeyValuePair<string, object?>("error.type", errorType));
        RecordEvent(key, variant: null, reason: "ERROR", errorType);

        var now = Stopwatch.GetTimestamp();
        var interval = _options.CurrentValue.WarningInterval;
        var last = _lastWarning.GetOrAdd(key, 0);
        if (last == 0 || Stopwatch.GetElapsedTime(last, now) >= interval)
        {
            _lastWarning[key] = now;
            FlagsLog.FlagEvaluationFallback(_logger, key, errorType, evaluation.ErrorDetails, Convert.ToString(defaultValue, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        }
    }

    private static void RecordEvent(string key, string? variant, string? reason, string? errorType)
    {
        var activity = Activity.Current;
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        var tags = new ActivityTagsCollection
        {
            ["feature_flag.key"] = key,
            ["feature_flag.provider.name"] = "flagservice",
        };
        if (variant is not null)
        {
            tags["feature_flag.result.variant"] = variant;
        }

        if (reason is not null)
        {
            tags["feature_flag.result.reason"] = reason.ToLowerInvariant();
        }

        if (errorType is not null)
        {
            tags["error.type"] = errorType;
        }

        activity.AddEvent(new ActivityEvent("feature_flag.evaluation", tags: tags));
    }
}
