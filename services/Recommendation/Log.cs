namespace Platform.Recommendation;

/// <summary>The service's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "Recommended", Level = LogLevel.Information, Message = "Recommended {Count} products for {ProductIds}")]
    public static partial void Recommended(ILogger logger, int count, string productIds);

    [LoggerMessage(EventId = 2, EventName = "CacheLeaking", Level = LogLevel.Warning, Message = "recommendationCacheFailure: the product cache holds {Size} entries and is never evicted")]
    public static partial void CacheLeaking(ILogger logger, int size);

    [LoggerMessage(EventId = 3, EventName = "CacheReleased", Level = LogLevel.Information, Message = "recommendationCacheFailure off: {Count} leaked cache entries released")]
    public static partial void CacheReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 4, EventName = "CatalogueRefreshed", Level = LogLevel.Information, Message = "Catalogue read from productcatalog: {Count} products")]
    public static partial void CatalogueRefreshed(ILogger logger, int count);

    [LoggerMessage(EventId = 5, EventName = "CatalogueStale", Level = LogLevel.Warning, Message = "The catalogue could not be refreshed, the cached copy is used: {Detail}")]
    public static partial void CatalogueStale(ILogger logger, string detail);

    [LoggerMessage(EventId = 6, EventName = "RecommendationsRejected", Level = LogLevel.Information, Message = "Recommendations rejected: {Error}")]
    public static partial void RecommendationsRejected(ILogger logger, string error);

    [LoggerMessage(EventId = 7, EventName = "CatalogueUnavailable", Level = LogLevel.Error, Message = "No recommendations: the catalogue could not be read: {Detail}")]
    public static partial void CatalogueUnavailable(ILogger logger, string detail, Exception exception);
}
