namespace Platform.FraudDetection;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "OrderFlagged", Level = LogLevel.Warning, Message = "Order {OrderId} of user {UserId} flagged: score {Score} ({Reasons}), total {Total} {Currency}, {Units} unit(s) to {Country}")]
    public static partial void OrderFlagged(ILogger logger, string orderId, string userId, int score, string reasons, decimal total, string currency, long units, string country);

    [LoggerMessage(EventId = 2, EventName = "OrderChecked", Level = LogLevel.Debug, Message = "Order {OrderId} checked: score {Score}")]
    public static partial void OrderChecked(ILogger logger, string orderId, int score);

    [LoggerMessage(EventId = 3, EventName = "ConsumerLagUnknown", Level = LogLevel.Warning, Message = "Measuring the lag of group {Group} on {Topic} failed: {Reason}")]
    public static partial void ConsumerLagUnknown(ILogger logger, string group, string topic, string reason, Exception exception);
}
