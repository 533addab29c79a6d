using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Checkout.Infrastructure;

/// <summary>ActivitySource and Meter <c>Platform.Checkout</c>.</summary>
public sealed class CheckoutTelemetry
{
    public const string Name = "Platform.Checkout";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _placed;
    private readonly Histogram<double> _value;
    private readonly Counter<long> _failures;

    public CheckoutTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _placed = meter.CreateCounter<long>("app.orders.placed", "{order}", "Orders confirmed to the shopper (charged and acknowledged by Kafka).");
        // In the order's own currency, told by the app.order.currency tag: one histogram per currency once
        // grouped by it, rather than a conversion back whose rate would blur the figures.
        _value = meter.CreateHistogram<double>("app.order.value", "{amount}", "Total of each placed order, shipping included, in its currency (app.order.currency).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });
        _failures = meter.CreateCounter<long>("app.checkout.failures", "{checkout}", "Checkouts that failed, by reason.");
    }

    public void OrderPlaced(decimal total, string currency)
    {
        var tag = new KeyValuePair<string, object?>("app.order.currency", currency);
        _placed.Add(1, tag);
        _value.Record((double)total, tag);
    }

    public void Failed(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("app.checkout.failure.reason", reason));
}
