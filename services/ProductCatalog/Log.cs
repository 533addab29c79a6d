namespace Platform.ProductCatalog;

/// <summary>The service's log messages (stable event ids and names).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "CatalogLoaded", Level = LogLevel.Information, Message = "Loaded {ProductCount} products from {CatalogPath}")]
    public static partial void CatalogLoaded(ILogger logger, int productCount, string catalogPath);

    [LoggerMessage(EventId = 2, EventName = "CatalogInvalid", Level = LogLevel.Critical, Message = "The product catalogue cannot be loaded; the service stops")]
    public static partial void CatalogInvalid(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "ProductNotFound", Level = LogLevel.Information, Message = "Product {ProductId} not found")]
    public static partial void ProductNotFound(ILogger logger, string productId);

    [LoggerMessage(EventId = 4, EventName = "ProductCatalogFailure", Level = LogLevel.Error, Message = "Flag productCatalogFailure is on: failing product {ProductId}")]
    public static partial void ProductCatalogFailure(ILogger logger, string productId, Exception exception);

    [LoggerMessage(EventId = 5, EventName = "ProductsSearched", Level = LogLevel.Debug, Message = "Search for {SearchTerm} found {ProductCount} products")]
    public static partial void ProductsSearched(ILogger logger, string searchTerm, int productCount);
}
