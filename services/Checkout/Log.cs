namespace Platform.Checkout;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "OrderPlaced", Level = LogLevel.Information, Message = "Order {OrderId} placed for user {UserId}: {ItemCount} item(s), total {Total} {Currency}, transaction {TransactionId}, offset {Partition}/{Offset}")]
    public static partial void OrderPlaced(ILogger logger, string orderId, string userId, int itemCount, decimal total, string currency, string transactionId, int partition, long offset);

    [LoggerMessage(EventId = 2, EventName = "CheckoutFailed", Level = LogLevel.Warning, Message = "Checkout of order {OrderId} for user {UserId} failed at {Step}: {Detail}")]
    public static partial void CheckoutFailed(ILogger logger, string orderId, string userId, string step, string detail, Exception? exception);

    [LoggerMessage(EventId = 3, EventName = "ChargeVoided", Level = LogLevel.Warning, Message = "Order {OrderId} could not be published; charge {TransactionId} voided")]
    public static partial void ChargeVoided(ILogger logger, string orderId, string transactionId);

    [LoggerMessage(EventId = 4, EventName = "VoidFailed", Level = LogLevel.Critical, Message = "Order {OrderId} could not be published and voiding charge {TransactionId} failed: the shopper was charged for an unconfirmed order")]
    public static partial void VoidFailed(ILogger logger, string orderId, string transactionId, Exception exception);

    [LoggerMessage(EventId = 5, EventName = "EmptyCartFailed", Level = LogLevel.Warning, Message = "Order {OrderId} is placed but emptying the cart of user {UserId} failed")]
    public static partial void EmptyCartFailed(ILogger logger, string orderId, string userId, Exception exception);

    [LoggerMessage(EventId = 6, EventName = "ExtraCopiesFailed", Level = LogLevel.Warning, Message = "kafkaQueueProblems: {Failed} of {Requested} extra copies of order {OrderId} were not published")]
    public static partial void ExtraCopiesFailed(ILogger logger, string orderId, int failed, int requested, Exception exception);

    [LoggerMessage(EventId = 8, EventName = "ConfirmationFailed", Level = LogLevel.Warning, Message = "Order {OrderId} is placed but its confirmation e-mail failed")]
    public static partial void ConfirmationFailed(ILogger logger, string orderId, Exception exception);

    [LoggerMessage(EventId = 7, EventName = "PeakModeFailure", Level = LogLevel.Warning, Message = "checkoutPeakMode: simulated failure after {DelayMs} ms (in peak: {InPeak})")]
    public static partial void PeakModeFailure(ILogger logger, long delayMs, bool inPeak);
}
