using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.ProductCatalog.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.ProductCatalog.Tests;

/// <summary>Flag <c>productCatalogFailure</c> on, served by the real OFREP test server of this class.</summary>
public sealed class ProductCatalogFailureTests : IClassFixture<CatalogAppFixture>
{
    private readonly CatalogAppFixture _app;

    public ProductCatalogFailureTests(CatalogAppFixture app)
    {
        _app = app;
        _app.Flags.Set(FlagKeys.ProductCatalogFailure, true);
    }

    [Fact]
    public async Task Get_of_OLJCESPC7Z_is_a_500_problem_naming_the_flag()
    {
        var response = await _app.Client.GetAsync("/api/products/OLJCESPC7Z");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();
        Assert.Equal("Product catalog failure flag is on for product OLJCESPC7Z", problem?.Detail);
        Assert.True(_app.Flags.Evaluations(FlagKeys.ProductCatalogFailure) > 0, "the flag was never asked over OFREP");
    }

    [Fact]
    public async Task Get_of_OLJCESPC7Z_records_an_error_span()
    {
        using var spans = new ServerSpanCollector();

        await _app.Client.GetAsync("/api/products/OLJCESPC7Z");

        var span = await spans.WaitForAsync(a => (a.GetTagItem("app.product.id") as string) == "OLJCESPC7Z" && a.Status == ActivityStatusCode.Error);
        var exception = Assert.Single(span.Events, e => e.Name == "exception");
        Assert.Contains(exception.Tags, t => t.Key == "exception.message" && (string?)t.Value == "Product catalog failure flag is on for product OLJCESPC7Z");
    }

    [Fact]
    public async Task Other_products_still_answer()
    {
        var response = await _app.Client.GetAsync("/api/products/66VCHSJNUP");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_list_still_answers()
    {
        var products = await _app.Client.GetFromJsonAsync<ProductDto[]>("/api/products");

        Assert.Contains(products!, p => p.Id == "OLJCESPC7Z");
    }

    [Fact]
    public async Task Get_of_OLJCESPC7Z_succeeds_again_when_the_flag_is_switched_off()
    {
        _app.Flags.Set(FlagKeys.ProductCatalogFailure, false);

        var response = await _app.Client.GetAsync("/api/products/OLJCESPC7Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
