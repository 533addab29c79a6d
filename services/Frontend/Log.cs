using Microsoft.Extensions.Logging;

namespace Frontend;

/// <summary>The frontend's log messages (stable event ids; no card data, no secrets).</summary>
public static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "DownstreamFailed", Level = LogLevel.Warning,
        Message = "{Service} failed with {StatusCode} for {Method} {Path}: {Detail}")]
    public static partial void DownstreamFailed(ILogger logger, string service, int statusCode, string method, string path, string? detail);

    [LoggerMessage(EventId = 2, EventName = "OrderPlaced", Level = LogLevel.Information,
        Message = "Order {OrderId} placed by user {UserId}: {ItemCount} items, total {Total} {Currency}")]
    public static partial void OrderPlaced(ILogger logger, string orderId, string userId, int itemCount, decimal total, string currency);

    [LoggerMessage(EventId = 3, EventName = "CheckoutRejected", Level = LogLevel.Information,
        Message = "Checkout form of user {UserId} rejected: {Fields}")]
    public static partial void CheckoutRejected(ILogger logger, string userId, string fields);

    [LoggerMessage(EventId = 4, EventName = "RateLimited", Level = LogLevel.Warning,
        Message = "Rate limit reached: {Method} {Path} answered 429")]
    public static partial void RateLimited(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 5, EventName = "ImageSlowed", Level = LogLevel.Warning,
        Message = "Picture {Picture} delayed by {DelayMs} ms (imageSlowLoad)")]
    public static partial void ImageSlowed(ILogger logger, string picture, long delayMs);

    [LoggerMessage(EventId = 6, EventName = "CurrencyFallback", Level = LogLevel.Warning,
        Message = "Currency failed with {StatusCode} for {Method} {Path}: prices shown unconverted. {Detail}")]
    public static partial void CurrencyFallback(ILogger logger, int statusCode, string method, string path, string? detail);
}
