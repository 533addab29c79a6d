using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.FraudDetection.Model;
using Platform.Messaging;
using Platform.ServiceDefaults.Flags;

namespace Platform.FraudDetection.Infrastructure;

/// <summary>
/// Handles one <c>orders</c> message: parses it (unparseable → <see cref="PoisonMessageException"/>, which the
/// loop logs, counts in <c>app.messaging.poison_messages</c> and commits past), waits while
/// <c>kafkaQueueProblems</c> is above 0, assesses the order with <see cref="FraudRules"/>, tags the message's
/// <c>orders process</c> span and counts it. Nothing is stored, so handling a message twice is harmless.
/// </summary>
public sealed class OrderScreening(
    IFeatureFlags flags,
    IOptionsMonitor<FraudDetectionOptions> options,
    FraudMetrics metrics,
    TimeProvider time,
    ILogger<OrderScreening> logger)
{
    public async Task HandleAsync(KafkaMessage message, CancellationToken cancellationToken)
    {
        var order = OrderPlacedMessages.Parse(message, FraudRules.Problem);
        var span = message.Activity;
        span?.SetTag("app.order.id", order.OrderId);
        span?.SetTag("app.user.id", order.UserId);
        span?.SetTag("app.order.items.count", order.Items.Count);

        await SlowDownWhileFlaggedAsync(span, cancellationToken);

        var settings = options.CurrentValue;
        var assessment = FraudRules.Assess(order, settings);
        span?.SetTag("app.fraud.score", assessment.Score);
        span?.SetTag("app.fraud.flagged", assessment.Flagged);
        if (assessment.Reasons.Count > 0)
        {
            span?.SetTag("app.fraud.reasons", assessment.Reasons.ToArray());
        }
        metrics.Checked();
        if (assessment.Flagged)
        {
            metrics.Flagged();
            Log.OrderFlagged(logger, order.OrderId, order.UserId, assessment.Score, string.Join(",", assessment.Reasons),
                order.Total, order.Currency, order.Items.Sum(i => (long)i.Quantity), order.Shipping.Address.Country);
        }
        else
        {
            Log.OrderChecked(logger, order.OrderId, assessment.Score);
        }
    }

    /// <summary>The flag's symptom: each order waits <see cref="FraudDetectionOptions.SlowConsumerDelay"/>, asked per order so switching the flag off takes effect at once.</summary>
    private async Task SlowDownWhileFlaggedAsync(Activity? span, CancellationToken cancellationToken)
    {
        if (await flags.GetIntegerAsync(FlagKeys.KafkaQueueProblems, 0, null, cancellationToken) <= 0)
        {
            return;
        }
        var delay = options.CurrentValue.SlowConsumerDelay;
        span?.SetTag("app.fraud.slowed", true);
        span?.SetTag("app.fraud.slow_delay_ms", (long)delay.TotalMilliseconds);
        await Task.Delay(delay, time, cancellationToken);
    }
}
