using System.Diagnostics;
using Platform.Contracts;
using Platform.ServiceDefaults.Flags;

namespace Frontend.Infrastructure;

/// <summary>
/// The <c>imageSlowLoad</c> flag: a product picture waits the flag's value in milliseconds (variants
/// <c>off</c> = 0, <c>5sec</c> = 5000, <c>10sec</c> = 10000) inside a span of its own,
/// <see cref="SpanName"/>, tagged with the delay, before it is served. The wait ends early (and the
/// request with it) when the browser gives up.
/// </summary>
public sealed class ImageSlowLoad(IFeatureFlags flags, TimeProvider time, ILogger<ImageSlowLoad> logger)
{
    public const string Flag = FlagKeys.ImageSlowLoad;
    public const string SpanName = "image slow load";
    public const string DelayTag = "app.image.slow_load.delay_ms";
    public const string PictureTag = "app.image.picture";

    /// <summary>The longest honoured delay, so a mistyped flag cannot hang a request for hours.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static readonly ActivitySource Source = new("Platform.Frontend");

    /// <summary>Waits the flagged delay before <paramref name="picture"/> is served; returns the delay applied.</summary>
    public async Task<TimeSpan> DelayAsync(string picture, CancellationToken cancellationToken)
    {
        var milliseconds = await flags.GetIntegerAsync(Flag, 0, cancellationToken: cancellationToken);
        if (milliseconds <= 0)
        {
            return TimeSpan.Zero;
        }

        var delay = TimeSpan.FromMilliseconds(Math.Min(milliseconds, (long)MaxDelay.TotalMilliseconds));
        using var activity = Source.StartActivity(SpanName);
        activity?.SetTag(DelayTag, (long)delay.TotalMilliseconds);
        activity?.SetTag(PictureTag, picture);
        Log.ImageSlowed(logger, picture, (long)delay.TotalMilliseconds);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException e)
        {
            // The browser left: say so on the span, and let the request end (nothing is sent).
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, "The request was cancelled during the delay.");
            throw;
        }

        return delay;
    }
}
