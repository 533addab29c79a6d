using Platform.ProductCatalog.Tests.Infrastructure;
using Platform.Testing.BadInput;

namespace Platform.ProductCatalog.Tests;

/// <summary>Unknown, hostile or impossible ids and search terms answer a 4xx problem, never a 500.</summary>
public sealed class ProductsApiBadInputTests(CatalogAppFixture app) : IClassFixture<CatalogAppFixture>
{
    [Theory]
    [InlineData("NOSUCHPRODUCT")]
    [InlineData("' OR '1'='1")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("../../etc/passwd")]
    [InlineData("😀")]
    [InlineData("\u0001")]
    public async Task An_unknown_or_hostile_id_is_a_404_problem(string id)
    {
        using var response = await app.Client.GetAsync($"/api/products/{Uri.EscapeDataString(id)}");

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 404 && answer.IsProblem, answer.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20%20")]
    public async Task A_missing_search_term_is_a_400_problem_naming_q(string q)
    {
        using var response = await app.Client.GetAsync($"/api/products/search?q={q}");

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("q", answer.ErrorFields);
    }

    [Fact]
    public async Task A_search_term_too_long_is_a_400_problem_naming_q()
    {
        using var response = await app.Client.GetAsync($"/api/products/search?q={new string('t', 201)}");

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("q", answer.ErrorFields);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("<script>")]
    [InlineData(".*")]
    [InlineData("'; DROP TABLE products; --")]
    public async Task A_hostile_search_term_finds_nothing(string q)
    {
        using var response = await app.Client.GetAsync($"/api/products/search?q={Uri.EscapeDataString(q)}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }
}
