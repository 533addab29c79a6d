using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.ProductCatalog.Infrastructure;

namespace Platform.ProductCatalog.Tests;

public sealed class StartupTests
{
    [Fact]
    public void Service_does_not_start_with_an_invalid_catalogue_file()
    {
        var directory = Directory.CreateTempSubdirectory("catalog-startup-").FullName;
        try
        {
            var path = Path.Combine(directory, "products.json");
            File.WriteAllText(path, """[{ "id": "ABCDEFGHI1", "name": "x", "description": "x", "picture": "/x.svg", "price": { "currency": "USD", "amount": -3 }, "categories": ["x"] }]""");
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
                .UseEnvironment("Testing")
                .UseSetting("ProductCatalog:CatalogPath", path));

            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            var invalid = Assert.IsType<InvalidCatalogException>(error.GetBaseException());
            Assert.Contains("price amount must be positive", invalid.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
