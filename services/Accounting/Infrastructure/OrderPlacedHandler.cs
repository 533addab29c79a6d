using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Accounting.Model;
using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults.Flags;

namespace Platform.Accounting.Infrastructure;

/// <summary>
/// Handles one <c>orders</c> message: parses it (unparseable → <see cref="PoisonMessageException"/>,
/// skipped by the loop), slows down while <c>kafkaQueueProblems</c> is above 0, then stores the order
/// idempotently. Returning normally lets the loop commit the offset, so a commit always follows the
/// database commit.
/// </summary>
public sealed class OrderPlacedHandler(
    IServiceScopeFactory scopes,
    IFeatureFlags flags,
    IOptionsMonitor<AccountingOptions> options,
    AccountingMetrics metrics,
    TimeProvider time,
    ILogger<OrderPlacedHandler> logger)
{
    public async Task HandleAsync(KafkaMessage message, CancellationToken cancellationToken)
    {
        var order = Parse(message);
        var activity = Activity.Current;
        activity?.SetTag("app.order.id", order.OrderId);
        activity?.SetTag("app.user.id", order.UserId);
        activity?.SetTag("app.order.items.count", order.Items.Count);

        if (await flags.GetIntegerAsync(FlagKeys.KafkaQueueProblems, 0, null, cancellationToken) > 0)
        {
            activity?.SetTag("app.accounting.slowed", true);
            await Task.Delay(options.CurrentValue.SlowConsumerDelay, time, cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<OrderStore>().TryStoreAsync(order, cancellationToken);
        activity?.SetTag("app.accounting.duplicate", !stored);
        if (stored)
        {
            metrics.Stored(order.Currency);
            Log.OrderStored(logger, order.OrderId, order.Items.Count, order.Total, order.Currency, message.Partition, message.Offset);
        }
        else
        {
            metrics.Duplicate();
            Log.DuplicateOrder(logger, order.OrderId, message.Partition, message.Offset);
        }
    }

    private static OrderPlaced Parse(KafkaMessage message)
    {
        OrderPlaced order;
        try
        {
            order = IntegrationEvents.DeserializeOrderPlaced(message.Value);
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException($"Not an OrderPlaced event: {ex.Message}", ex);
        }
        return OrderMapping.Problem(order) is { } problem
            ? throw new PoisonMessageException($"OrderPlaced {order.OrderId} cannot be stored: {problem}")
            : order;
    }
}
