using System.Diagnostics.Metrics;

namespace Platform.Payment.Infrastructure;

/// <summary>The Meter <c>Platform.Payment</c> and its business instruments.</summary>
public sealed class PaymentTelemetry
{
    public const string MeterName = "Platform.Payment";

    public PaymentTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Charges = meter.CreateCounter<long>("app.payment.charges", "{charge}", "Successful charges.");
        Failures = meter.CreateCounter<long>("app.payment.failures", "{charge}", "Charges that failed (simulated by paymentFailure).");
        Amount = meter.CreateHistogram<double>("app.payment.amount", "{currency}", "Amount of each successful charge, in its currency (tag app.payment.currency).");
    }

    public Counter<long> Charges { get; }

    public Counter<long> Failures { get; }

    public Histogram<double> Amount { get; }
}
