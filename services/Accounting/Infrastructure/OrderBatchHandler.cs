using Microsoft.Extensions.Options;
using Platform.Accounting.Model;
using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults.Flags;

namespace Platform.Accounting.Infrastructure;

/// <summary>
/// Handles one batch of <c>orders</c> messages: parses each (unparseable → rejected, skipped and counted
/// by the loop), slows down while <c>kafkaQueueProblems</c> is above 0, then stores the whole batch in one
/// statement, idempotently. Returning normally lets the loop commit the batch's offsets, so a Kafka commit
/// always follows the database commit; a failure is thrown back and the loop retries the batch.
/// </summary>
public sealed class OrderBatchHandler(
    IServiceScopeFactory scopes,
    IFeatureFlags flags,
    IOptionsMonitor<AccountingOptions> options,
    AccountingMetrics metrics,
    LedgerWriteHealth health,
    TimeProvider time,
    ILogger<OrderBatchHandler> logger)
{
    public async Task HandleAsync(KafkaBatch batch, CancellationToken cancellationToken)
    {
        var orders = new List<(KafkaMessage Message, OrderPlaced Order)>(batch.Messages.Count);
        foreach (var message in batch.Messages)
        {
            try
            {
                var order = OrderPlacedMessages.Parse(message, OrderMapping.Problem);
                message.Activity?.SetTag("app.order.id", order.OrderId);
                message.Activity?.SetTag("app.user.id", order.UserId);
                message.Activity?.SetTag("app.order.items.count", order.Items.Count);
                orders.Add((message, order));
            }
            catch (PoisonMessageException ex)
            {
                batch.Reject(message, ex);
            }
        }
        if (orders.Count == 0)
        {
            return;
        }

        await SlowDownWhileFlaggedAsync(orders, cancellationToken);
        var stored = await StoreAsync(orders, cancellationToken);
        Record(orders, stored);
    }

    /// <summary>The flag's symptom: each order waits <see cref="AccountingOptions.SlowConsumerDelay"/> (re-checked per order, so switching it off takes effect at once).</summary>
    private async Task SlowDownWhileFlaggedAsync(List<(KafkaMessage Message, OrderPlaced Order)> orders, CancellationToken cancellationToken)
    {
        foreach (var (message, _) in orders)
        {
            if (await flags.GetIntegerAsync(FlagKeys.KafkaQueueProblems, 0, null, cancellationToken) <= 0)
            {
                return;
            }
            message.Activity?.SetTag("app.accounting.slowed", true);
            await Task.Delay(options.CurrentValue.SlowConsumerDelay, time, cancellationToken);
        }
    }

    private async Task<IReadOnlySet<string>> StoreAsync(List<(KafkaMessage Message, OrderPlaced Order)> orders, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<OrderBatchStore>()
                .StoreAsync([.. orders.Select(o => o.Order)], cancellationToken);
            health.Succeeded();
            return stored;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            health.Failed(ex);
            throw;
        }
    }

    private void Record(List<(KafkaMessage Message, OrderPlaced Order)> orders, IReadOnlySet<string> stored)
    {
        // The first copy of an order in the batch is the one stored; any other copy is a duplicate.
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var (message, order) in orders)
        {
            var isNew = stored.Contains(order.OrderId) && counted.Add(order.OrderId);
            message.Activity?.SetTag("app.accounting.duplicate", !isNew);
            if (isNew)
            {
                metrics.Stored(order.Currency);
                Log.OrderStored(logger, order.OrderId, order.Items.Count, order.Total, order.Currency, message.Partition, message.Offset);
            }
            else
            {
                duplicates++;
                metrics.Duplicate();
                Log.DuplicateOrder(logger, order.OrderId, message.Partition, message.Offset);
            }
        }
        metrics.Batch(orders.Count);
        Log.BatchStored(logger, orders.Count, orders.Count - duplicates, duplicates);
    }
}
