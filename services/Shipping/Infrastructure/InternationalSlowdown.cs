using System.Diagnostics;
using Platform.Contracts;
using Platform.ServiceDefaults.Flags;

namespace Platform.Shipping.Infrastructure;

/// <summary>
/// The <c>intlShippingSlowdown</c> flag: shipping to a non-domestic address waits the flag's value
/// in milliseconds (variants <c>off</c> = 0, <c>5sec</c> = 5000, <c>10sec</c> = 10000) inside its own
/// span, so a trace shows where the time went.
/// </summary>
public sealed class InternationalSlowdown(IFeatureFlags flags, TimeProvider time)
{
    public const string Flag = FlagKeys.IntlShippingSlowdown;

    /// <summary>The longest honoured delay, so a mistyped flag cannot hang a request for hours.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static readonly ActivitySource Source = new("Platform.Shipping");

    /// <summary>Waits the flagged delay for an international shipment; returns the delay applied.</summary>
    public async Task<TimeSpan> DelayAsync(string country, CancellationToken cancellationToken)
    {
        var milliseconds = await flags.GetIntegerAsync(Flag, 0, new FlagContext(country), cancellationToken);
        if (milliseconds <= 0) return TimeSpan.Zero;

        var delay = TimeSpan.FromMilliseconds(Math.Min(milliseconds, (long)MaxDelay.TotalMilliseconds));
        using var activity = Source.StartActivity("intl shipping slowdown");
        activity?.SetTag("app.shipping.slowdown.ms", (long)delay.TotalMilliseconds);
        activity?.SetTag("app.shipping.country", country);
        await Task.Delay(delay, time, cancellationToken);
        return delay;
    }
}
