using System.Diagnostics;
using OpenTelemetry.Instrumentation.StackExchangeRedis;

namespace Platform.Cart.Infrastructure;

/// <summary>
/// Gives the Redis instrumentation's command spans an error status when the cart operation that sent
/// them failed. The instrumentation builds its spans afterwards from StackExchange.Redis' profiler,
/// which records timings but not outcomes, so the store notes the failure on the request's span and
/// <see cref="Enrich"/> copies it onto that request's command spans. With an Enrich callback the
/// instrumentation waits for the request's span to end before it builds them, so the note is always there.
/// Each cart request sends one Redis call (a command or one batch), so every command span under a failed request failed.
/// </summary>
public static class RedisCommandSpans
{
    /// <summary>The ActivitySource of OpenTelemetry's StackExchange.Redis instrumentation.</summary>
    public const string SourceName = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    private const string FailureProperty = "Platform.Cart.RedisFailure";

    /// <summary>Notes on the current (request) span that its Redis call failed.</summary>
    public static void RecordFailure(Exception exception) => Activity.Current?.SetCustomProperty(FailureProperty, exception);

    /// <summary>The instrumentation's Enrich callback: error status and exception event when the request's Redis call failed.</summary>
    public static void Enrich(Activity span, RedisInstrumentationContext context)
    {
        if (context.ParentActivity?.GetCustomProperty(FailureProperty) is Exception failure)
        {
            span.SetStatus(ActivityStatusCode.Error, failure.Message);
            span.AddException(failure);
        }
    }
}
