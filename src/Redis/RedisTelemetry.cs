using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Platform.Redis;

/// <summary>
/// One client span per command (OpenTelemetry database semantic conventions) on ActivitySource
/// <c>Platform.Redis</c>, and the <c>db.client.operation.duration</c> histogram on Meter <c>Platform.Redis</c>.
/// </summary>
public static class RedisTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string SourceName = "Platform.Redis";

    internal static readonly ActivitySource ActivitySource = new(SourceName);
    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "db.client.operation.duration", unit: "s", description: "Duration of Redis commands, from send to reply.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    internal static Activity? StartCommand(RedisCommand command, RedisConnectionOptions options, ActivityContext parent = default)
    {
        var activity = parent == default
            ? ActivitySource.StartActivity(command.Name, ActivityKind.Client)
            : ActivitySource.StartActivity(command.Name, ActivityKind.Client, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("db.operation.name", command.Name);
            activity.SetTag("db.namespace", options.Database.ToString(CultureInfo.InvariantCulture));
            activity.SetTag("server.address", options.Host);
            activity.SetTag("server.port", options.Port);
        }

        return activity;
    }

    internal static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag("error.type", exception is RedisServerException server ? server.ErrorCode : exception.GetType().FullName);
        activity.AddException(exception);
    }

    internal static void RecordDuration(RedisCommand command, long startTimestamp, Exception? error)
    {
        if (!Duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "db.system.name", "redis" },
            { "db.operation.name", command.Name },
        };
        if (error is not null)
        {
            tags.Add("error.type", error is RedisServerException server ? server.ErrorCode : error.GetType().FullName);
        }

        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }
}
