using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frontend.Tests.Peers;
using Frontend.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Frontend.Tests;

/// <summary>
/// <c>GET /api/recommendations</c> and <c>GET /api/ads</c> forward to Recommendation and Ad; the product page shows
/// "You may also like" and one ad when they answer, and still renders without them when they fail or are down.
/// </summary>
public sealed class ProductExtrasTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>
{
    private const string Unreachable = "http://127.0.0.1:9/";

    private WebApplicationFactory<Program> VariantWith(string recommendation, string ad) => fixture.CreateVariant(web => web
        .UseSetting("services:recommendation:http:0", recommendation)
        .UseSetting("services:ad:http:0", ad));

    [Fact]
    public async Task Recommendations_are_forwarded_from_the_recommendation_service()
    {
        using var client = fixture.CreateClient();

        var products = await client.GetFromJsonAsync<PeerProduct[]>($"/api/recommendations?productIds={ShopPeers.Starsense.Id}");

        Assert.NotNull(products);
        Assert.NotEmpty(products);
        Assert.DoesNotContain(products, p => p.Id == ShopPeers.Starsense.Id);
        Assert.Contains(products, p => p.Id == ShopPeers.Explorascope.Id);
    }

    [Fact]
    public async Task Recommendations_without_product_ids_pass_the_services_400_problem_through()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/api/recommendations");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("productIds", out _));
        Assert.Equal("recommendation", problem.GetProperty("service").GetString());
    }

    [Fact]
    public async Task Ads_are_forwarded_from_the_ad_service_with_the_context_keys()
    {
        using var client = fixture.CreateClient();

        var ads = await client.GetFromJsonAsync<PeerAd[]>("/api/ads?contextKeys=telescopes,solar");

        Assert.Equal(["telescopes", "solar"], ads!.Select(a => a.Category));
        Assert.Equal($"/products/{ShopPeers.Starsense.Id}", ads![0].RedirectUrl);
    }

    [Theory]
    [InlineData("/api/recommendations?productIds=OLJCESPC7Z", "recommendation")]
    [InlineData("/api/ads?contextKeys=telescopes", "ad")]
    public async Task A_service_failing_with_500_is_a_502_problem_naming_it(string path, string service)
    {
        await using var variant = VariantWith(fixture.Discovery.FailingAddress.ToString(), fixture.Discovery.FailingAddress.ToString());
        using var client = variant.CreateClient();

        using var response = await client.GetAsync(path);

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal(service, problem.GetProperty("service").GetString());
        Assert.Equal(500, problem.GetProperty("serviceStatus").GetInt32());
    }

    [Theory]
    [InlineData("/api/recommendations?productIds=OLJCESPC7Z", "recommendation")]
    [InlineData("/api/ads?contextKeys=telescopes", "ad")]
    public async Task A_service_that_is_down_is_a_503_problem_naming_it(string path, string service)
    {
        await using var variant = VariantWith(Unreachable, Unreachable);
        using var client = variant.CreateClient();

        using var response = await client.GetAsync(path);

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(service, problem.GetProperty("service").GetString());
    }

    [Fact]
    public async Task The_product_page_shows_up_to_four_recommendations_and_one_ad_for_its_categories()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/products/{ShopPeers.Explorascope.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You may also like", html);
        var section = html[html.IndexOf("<section class=\"recommendations\"", StringComparison.Ordinal)..];
        var cards = Regex.Matches(section[..section.IndexOf("</section>", StringComparison.Ordinal)], "<li class=\"product-card\">").Count;
        Assert.InRange(cards, 1, 4);
        Assert.DoesNotContain($"""<a href="/products/{ShopPeers.Explorascope.Id}">""", section[..section.IndexOf("</section>", StringComparison.Ordinal)]);
        Assert.Contains($"""<a href="/products/{ShopPeers.Starsense.Id}">An ad for telescopes</a>""", html);
        Assert.Single(Regex.Matches(html, "<aside class=\"ad\""));
        Assert.Equal("telescopes", fixture.Discovery.LastContextKeys);
    }

    [Fact]
    public async Task An_ad_is_encoded_and_never_leads_off_the_site()
    {
        var product = new PeerProduct("HOSTILE001", "Hostile Ad Lens", "A lens.", "/images/products/HOSTILE001.svg", new PeerMoney("USD", 1m), [DiscoveryPeers.HostileKey]);
        fixture.Peers.Products[product.Id] = product;
        using var client = fixture.CreateClient();

        var html = await client.GetStringAsync($"/products/{product.Id}");

        Assert.DoesNotContain("<script>alert('ad')", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Theory]
    [InlineData("failing")]
    [InlineData("down")]
    public async Task The_product_page_renders_without_them_when_they_fail_or_are_down(string how)
    {
        var address = how == "down" ? Unreachable : fixture.Discovery.FailingAddress.ToString();
        await using var variant = VariantWith(address, address);
        using var client = variant.CreateClient();

        using var response = await client.GetAsync($"/products/{ShopPeers.Explorascope.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ShopPeers.Explorascope.Name, html);
        Assert.Contains("Add to cart", html);
        Assert.DoesNotContain("You may also like", html);
        Assert.DoesNotContain("<aside class=\"ad\"", html);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
