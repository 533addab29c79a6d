namespace Platform.Accounting;

internal static partial class Log
{
    // Per order at Debug: at hundreds of orders per second an Information line each would cost more than the insert.
    [LoggerMessage(EventId = 1, EventName = "OrderStored", Level = LogLevel.Debug, Message = "Stored order {OrderId}: {ItemCount} item(s), total {Total} {Currency} (partition {Partition}, offset {Offset})")]
    public static partial void OrderStored(ILogger logger, string orderId, int itemCount, decimal total, string currency, int partition, long offset);

    [LoggerMessage(EventId = 2, EventName = "DuplicateOrder", Level = LogLevel.Information, Message = "Order {OrderId} is already stored; duplicate event ignored (partition {Partition}, offset {Offset})")]
    public static partial void DuplicateOrder(ILogger logger, string orderId, int partition, long offset);

    [LoggerMessage(EventId = 3, EventName = "DatabaseMigrated", Level = LogLevel.Information, Message = "Accounting database schema is up to date (attempt {Attempt})")]
    public static partial void DatabaseMigrated(ILogger logger, int attempt);

    [LoggerMessage(EventId = 4, EventName = "MigrationFailed", Level = LogLevel.Warning, Message = "Migrating the accounting database failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void MigrationFailed(ILogger logger, int attempt, long delayMs, Exception exception);

    [LoggerMessage(EventId = 5, EventName = "BatchStored", Level = LogLevel.Information, Message = "Stored a batch of {Count} order event(s): {Stored} new, {Duplicates} duplicate(s)")]
    public static partial void BatchStored(ILogger logger, int count, int stored, int duplicates);
}
