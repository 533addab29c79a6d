namespace Platform.Cart;

/// <summary>The service's log messages (stable event ids and names). User ids are pseudonymous, never secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "ItemAdded", Level = LogLevel.Debug, Message = "Added {Quantity} of {ProductId} to the cart of {UserId}")]
    public static partial void ItemAdded(ILogger logger, string userId, string productId, int quantity);

    [LoggerMessage(EventId = 2, EventName = "CartEmptied", Level = LogLevel.Debug, Message = "Emptied the cart of {UserId}")]
    public static partial void CartEmptied(ILogger logger, string userId);

    [LoggerMessage(EventId = 4, EventName = "CartStoreFailed", Level = LogLevel.Error, Message = "Cart operation {Operation} for {UserId} failed on Redis")]
    public static partial void CartStoreFailed(ILogger logger, string operation, string userId, Exception exception);
}
