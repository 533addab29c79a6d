using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.ProductCatalog.Tests.Infrastructure;

namespace Platform.ProductCatalog.Tests;

public sealed class ProductsApiTests(CatalogAppFixture app) : IClassFixture<CatalogAppFixture>
{
    [Fact]
    public async Task List_returns_the_whole_catalogue_in_the_api_shape()
    {
        var products = await app.Client.GetFromJsonAsync<ProductDto[]>("/api/products");

        Assert.NotNull(products);
        Assert.True(products.Length >= 10);
        Assert.Equal(products.Length, products.Select(p => p.Id).Distinct().Count());
        var explorer = Assert.Single(products, p => p.Id == "OLJCESPC7Z");
        Assert.Equal("USD", explorer.Price.Currency);
        Assert.Equal("/images/products/OLJCESPC7Z.svg", explorer.Picture);
    }

    [Fact]
    public async Task List_uses_camel_case_field_names()
    {
        var json = await app.Client.GetStringAsync("/api/products");

        Assert.Contains("\"id\":", json);
        Assert.Contains("\"price\":{\"currency\":\"USD\",\"amount\":", json);
        Assert.Contains("\"categories\":[", json);
    }

    [Fact]
    public async Task Get_returns_the_product()
    {
        var product = await app.Client.GetFromJsonAsync<ProductDto>("/api/products/66VCHSJNUP");

        Assert.NotNull(product);
        Assert.Equal("66VCHSJNUP", product.Id);
        Assert.False(string.IsNullOrWhiteSpace(product.Name));
        Assert.True(product.Price.Amount > 0);
    }

    [Fact]
    public async Task Get_matches_the_id_case_insensitively()
    {
        var product = await app.Client.GetFromJsonAsync<ProductDto>("/api/products/66vchsjnup");

        Assert.Equal("66VCHSJNUP", product?.Id);
    }

    [Fact]
    public async Task Get_of_an_unknown_id_is_a_404_problem()
    {
        var response = await app.Client.GetAsync("/api/products/NOSUCHPROD");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();
        Assert.Equal(404, problem?.Status);
        Assert.Contains("NOSUCHPROD", problem?.Detail);
    }

    [Fact]
    public async Task Get_of_the_failing_product_succeeds_while_the_flag_is_off()
    {
        app.Flags.Set(FlagKeys.ProductCatalogFailure, false);

        var response = await app.Client.GetAsync("/api/products/OLJCESPC7Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Search_is_case_insensitive_over_the_name()
    {
        var found = await app.Client.GetFromJsonAsync<ProductDto[]>("/api/products/search?q=BINOCULARS");

        Assert.NotNull(found);
        Assert.NotEmpty(found);
        Assert.All(found, p => Assert.True(
            p.Name.Contains("binoculars", StringComparison.OrdinalIgnoreCase)
            || p.Description.Contains("binoculars", StringComparison.OrdinalIgnoreCase)
            || p.Categories.Contains("binoculars")));
        Assert.Contains(found, p => p.Id == "2ZYFJ3GM2N");
    }

    [Fact]
    public async Task Search_matches_categories()
    {
        var found = await app.Client.GetFromJsonAsync<ProductDto[]>("/api/products/search?q=Books");

        var book = Assert.Single(found!);
        Assert.Equal("HQTGWGPNH4", book.Id);
    }

    [Fact]
    public async Task Search_matches_descriptions()
    {
        var found = await app.Client.GetFromJsonAsync<ProductDto[]>("/api/products/search?q=dark%20adaptation");

        var torch = Assert.Single(found!);
        Assert.Equal("LS4PSXUNUM", torch.Id);
    }

    [Fact]
    public async Task Search_without_a_match_returns_an_empty_list()
    {
        var found = await app.Client.GetFromJsonAsync<ProductDto[]>("/api/products/search?q=submarine");

        Assert.Empty(found!);
    }

    [Theory]
    [InlineData("/api/products/search")]
    [InlineData("/api/products/search?q=")]
    [InlineData("/api/products/search?q=%20%20")]
    public async Task Search_without_a_term_is_a_400_validation_problem(string url)
    {
        var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();
        Assert.NotNull(problem?.Errors);
        Assert.True(problem.Errors.ContainsKey("q"));
    }
}
