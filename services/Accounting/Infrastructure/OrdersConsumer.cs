using Platform.Messaging;

namespace Platform.Accounting.Infrastructure;

/// <summary>Migrates the database, then consumes <c>orders</c> in group <c>accounting</c> until the host stops.</summary>
public sealed class OrdersConsumer(DatabaseMigrator migrator, KafkaConsumerLoop loop, OrderBatchHandler handler) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.MigrateAsync(stoppingToken);
        await loop.RunAsync(handler.HandleAsync, stoppingToken);
    }
}
