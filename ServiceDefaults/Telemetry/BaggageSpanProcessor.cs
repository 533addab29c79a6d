using System.Diagnostics;
using OpenTelemetry;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Copies a few W3C baggage entries onto every span this service starts, as attributes of the same name.
/// Why: baggage travels with a request from service to service (the load generator sends
/// <c>session.id</c> and <c>synthetic_request=true</c>), but no backend indexes baggage, only span
/// attributes; copied onto each span, an operator can filter synthetic traffic out (or one shopper's
/// session in) on the dashboard, in any service's spans, not only the frontend's. Only the entries of
/// <see cref="AllowedKeys"/> are copied: baggage comes from the caller, and anything else in it (a
/// user id, a token, a huge value) must not become telemetry by accident.
/// Values come from the span's own baggage (<see cref="Activity.GetBaggageItem"/>, which ASP.NET Core fills
/// from the request's <c>baggage</c> header before the server span starts, and which children inherit) or,
/// failing that, from OpenTelemetry's <see cref="Baggage.Current"/>. An attribute the span already has is
/// left alone.
/// </summary>
public sealed class BaggageSpanProcessor : BaseProcessor<Activity>
{
    /// <summary>The baggage keys copied onto spans; everything else in the baggage is ignored.</summary>
    public static readonly IReadOnlyList<string> AllowedKeys = ["session.id", "synthetic_request"];

    /// <summary>The longest value copied; a longer one is cut (baggage is caller-controlled input).</summary>
    public const int MaxValueLength = 128;

    /// <inheritdoc />
    public override void OnStart(Activity data)
    {
        foreach (var key in AllowedKeys)
        {
            var value = data.GetBaggageItem(key) ?? Baggage.Current.GetBaggage(key);
            if (string.IsNullOrEmpty(value) || data.GetTagItem(key) is not null)
            {
                continue;
            }
            data.SetTag(key, value.Length > MaxValueLength ? value[..MaxValueLength] : value);
        }
    }
}
