using System.Diagnostics.Metrics;
using System.Globalization;

namespace Platform.FraudDetection.Infrastructure;

/// <summary>
/// Meter <c>Platform.FraudDetection</c>: orders checked and flagged, and the group's consumer lag per
/// partition as the last <see cref="ConsumerLagMonitor"/> measured it.
/// </summary>
public sealed class FraudMetrics
{
    public const string MeterName = "Platform.FraudDetection";

    private readonly Counter<long> _checked;
    private readonly Counter<long> _flagged;
    private volatile IReadOnlyList<PartitionLag> _lags = [];

    public FraudMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _checked = meter.CreateCounter<long>("app.fraud.orders.checked", "{order}", "Orders the fraud rules assessed.");
        _flagged = meter.CreateCounter<long>("app.fraud.orders.flagged", "{order}", "Orders whose fraud score reached the flag threshold.");
        meter.CreateObservableGauge("app.fraud.consumer.lag", ObserveLag, "{message}",
            "Messages of a partition of 'orders' not yet processed by group fraud-detection: high watermark minus the committed offset.");
    }

    public void Checked() => _checked.Add(1);

    public void Flagged() => _flagged.Add(1);

    /// <summary>Replaces the lag the gauge reports (one entry per partition).</summary>
    public void SetLag(IReadOnlyList<PartitionLag> lags) => _lags = lags;

    /// <summary>The lag the gauge reports now.</summary>
    public IReadOnlyList<PartitionLag> Lag => _lags;

    private IEnumerable<Measurement<long>> ObserveLag() => _lags.Select(l => new Measurement<long>(l.Lag,
        new KeyValuePair<string, object?>("messaging.system", "kafka"),
        new KeyValuePair<string, object?>("messaging.consumer.group.name", l.Group),
        new KeyValuePair<string, object?>("messaging.destination.name", l.Topic),
        new KeyValuePair<string, object?>("messaging.destination.partition.id", l.Partition.ToString(CultureInfo.InvariantCulture))));
}

/// <summary>The lag of one partition: <paramref name="High"/> − <paramref name="Committed"/> (or − the low watermark when nothing is committed).</summary>
public sealed record PartitionLag(string Group, string Topic, int Partition, long High, long? Committed, long Lag);
