using System.ComponentModel.DataAnnotations;

namespace Platform.ProductCatalog;

/// <summary>Configuration section <c>ProductCatalog</c>.</summary>
public sealed class ProductCatalogOptions
{
    public const string SectionName = "ProductCatalog";

    /// <summary>
    /// The catalogue file (JSON array of products). A relative path is resolved against the
    /// application's base directory, where the build copies the shipped <c>products.json</c>.
    /// </summary>
    [Required]
    public string CatalogPath { get; set; } = "products.json";

    /// <summary>The product that fails while the <c>productCatalogFailure</c> flag is on.</summary>
    [Required, RegularExpression(Model.Product.IdPattern)]
    public string FailingProductId { get; set; } = "OLJCESPC7Z";

    public string ResolveCatalogPath() =>
        Path.IsPathRooted(CatalogPath) ? CatalogPath : Path.Combine(AppContext.BaseDirectory, CatalogPath);
}
