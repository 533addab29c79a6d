namespace Platform.Shipping;

/// <summary>The service's log messages (addresses are logged by country only).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "Quoted", Level = LogLevel.Debug, Message = "Quoted {ItemCount} items to {Country}: {Cost} {Currency}")]
    public static partial void Quoted(ILogger logger, int itemCount, string country, decimal cost, string currency);

    [LoggerMessage(EventId = 2, EventName = "Shipped", Level = LogLevel.Debug, Message = "Shipped {ItemCount} items to {Country}: tracking {TrackingId}")]
    public static partial void Shipped(ILogger logger, int itemCount, string country, string trackingId);

    [LoggerMessage(EventId = 3, EventName = "Slowed", Level = LogLevel.Warning, Message = "International shipment to {Country} delayed {DelayMs} ms (intlShippingSlowdown)")]
    public static partial void Slowed(ILogger logger, string country, long delayMs);

    [LoggerMessage(EventId = 4, EventName = "Rejected", Level = LogLevel.Information, Message = "Shipping request rejected, invalid fields: {InvalidFields}")]
    public static partial void Rejected(ILogger logger, string invalidFields);
}
