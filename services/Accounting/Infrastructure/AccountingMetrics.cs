using System.Diagnostics.Metrics;

namespace Platform.Accounting.Infrastructure;

/// <summary>Meter <c>Platform.Accounting</c>.</summary>
public sealed class AccountingMetrics
{
    public const string MeterName = "Platform.Accounting";

    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;

    public AccountingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _stored = meter.CreateCounter<long>("app.accounting.orders.stored", "{order}", "Orders stored in the accounting database.");
        _duplicates = meter.CreateCounter<long>("app.accounting.orders.duplicates", "{order}", "OrderPlaced events received for an order already stored (nothing stored).");
    }

    public void Stored(string currency) => _stored.Add(1, new KeyValuePair<string, object?>("app.order.currency", currency));

    public void Duplicate() => _duplicates.Add(1);
}
