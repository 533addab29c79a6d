using System.Diagnostics.Metrics;

namespace Platform.Accounting.Infrastructure;

/// <summary>Meter <c>Platform.Accounting</c>.</summary>
public sealed class AccountingMetrics
{
    public const string MeterName = "Platform.Accounting";

    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;
    private readonly Histogram<int> _batchSize;

    public AccountingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _stored = meter.CreateCounter<long>("app.accounting.orders.stored", "{order}", "Orders stored in the accounting database.");
        _duplicates = meter.CreateCounter<long>("app.accounting.orders.duplicates", "{order}", "OrderPlaced events received for an order already stored (nothing stored).");
        _batchSize = meter.CreateHistogram<int>("app.accounting.batch.size", "{order}", "Order events stored per batch (one SQL statement each).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500] });
    }

    public void Stored(string currency) => _stored.Add(1, new KeyValuePair<string, object?>("app.order.currency", currency));

    public void Duplicate() => _duplicates.Add(1);

    public void Batch(int size) => _batchSize.Record(size);
}
