using Platform.ProductCatalog.Infrastructure;

namespace Platform.ProductCatalog.Tests;

public sealed class CatalogFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("catalog-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Product(string id = "AAAAAAAAA1", decimal amount = 10m, string currency = "USD", string categories = "[\"telescopes\"]") =>
        $$"""{ "id": "{{id}}", "name": "Scope", "description": "A scope.", "picture": "/images/products/{{id}}.svg", "price": { "currency": "{{currency}}", "amount": {{amount}} }, "categories": {{categories}} }""";

    [Fact]
    public void Shipped_catalogue_loads_with_at_least_ten_products_including_the_failing_one()
    {
        var catalog = CatalogFile.Load(Path.Combine(AppContext.BaseDirectory, "products.json"));

        Assert.True(catalog.Products.Count >= 10, $"only {catalog.Products.Count} products");
        Assert.NotNull(catalog.Find("OLJCESPC7Z"));
        Assert.All(catalog.Products, p =>
        {
            Assert.Matches("^[A-Z0-9]{10}$", p.Id);
            Assert.Equal($"/images/products/{p.Id}.svg", p.Picture);
            Assert.Equal("USD", p.Price.Currency);
            Assert.True(p.Price.Amount > 0);
            Assert.NotEmpty(p.Categories);
        });
    }

    [Fact]
    public void Valid_file_loads_every_field()
    {
        var path = Write($"[{Product("ABCDEFGHI1", 12.34m)}]");

        var product = Assert.Single(CatalogFile.Load(path).Products);

        Assert.Equal("ABCDEFGHI1", product.Id);
        Assert.Equal("Scope", product.Name);
        Assert.Equal(12.34m, product.Price.Amount);
        Assert.Equal(["telescopes"], product.Categories);
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        var path = Write($"[{Product("ABCDEFGHI1")}, {Product("ABCDEFGHI1")}]");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("duplicate id 'ABCDEFGHI1'", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Non_positive_price_is_rejected(decimal amount)
    {
        var path = Write($"[{Product(amount: amount)}]");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("price amount must be positive", error.Message);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("DOLLAR")]
    public void Currency_that_is_not_an_iso_code_is_rejected(string currency)
    {
        var path = Write($"[{Product(currency: currency)}]");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("ISO 4217", error.Message);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("abcdefghij")]
    public void Malformed_id_is_rejected(string id)
    {
        var path = Write($"[{Product(id: id)}]");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("id must be 10 upper-case letters or digits", error.Message);
    }

    [Fact]
    public void Empty_categories_are_rejected()
    {
        var path = Write($"[{Product(categories: "[]")}]");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("categories", error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var path = Write($"[{Product("ABCDEFGHI1", amount: -1)}, {Product("ABCDEFGHI2", currency: "eur")}]");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("product #0 (ABCDEFGHI1)", error.Message);
        Assert.Contains("product #1 (ABCDEFGHI2)", error.Message);
    }

    [Fact]
    public void Malformed_json_is_rejected_with_the_file_name()
    {
        var path = Write("[{ \"id\": ");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("is not valid JSON", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Empty_array_is_rejected()
    {
        var path = Write("[]");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("holds no products", error.Message);
    }

    [Fact]
    public void Missing_file_is_rejected()
    {
        var path = Path.Combine(_directory, "nope.json");

        var error = Assert.Throws<InvalidCatalogException>(() => CatalogFile.Load(path));

        Assert.Contains("does not exist", error.Message);
    }
}
