using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frontend.Tests.Peers;
using Frontend.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Frontend.Tests;

/// <summary>
/// The public JSON API under /api forwards to the peers over real HTTP; a failed call answers by the
/// one table of ServiceDefaults/Downstream (README "Downstream failures"), naming the peer.
/// </summary>
public sealed class ApiForwardingTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>
{
    private static string NewUserId() => "user-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ListProducts_returns_the_catalogue_products()
    {
        using var client = fixture.CreateClient();

        var products = await client.GetFromJsonAsync<PeerProduct[]>("/api/products");

        Assert.NotNull(products);
        var explorascope = Assert.Single(products, p => p.Id == ShopPeers.Explorascope.Id);
        Assert.Equal(ShopPeers.Explorascope.Name, explorascope.Name);
        Assert.Equal(new PeerMoney("USD", 101.96m), explorascope.Price);
        Assert.Equal(["telescopes"], explorascope.Categories);
    }

    [Fact]
    public async Task GetProduct_of_an_unknown_id_passes_the_catalogue_404_problem_through()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/api/products/NOPE");

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("No product with id 'NOPE'.", problem.GetProperty("detail").GetString());
        Assert.Equal("Product not found", problem.GetProperty("title").GetString());
        AssertService(problem, "productcatalog", 404);
    }

    [Fact]
    public async Task GetProduct_failing_in_the_catalogue_with_500_is_a_502_keeping_its_detail()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/products/{ShopPeers.FailingProductId}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("Simulated failure for product FAILING01 (productCatalogFailure).", problem.GetProperty("detail").GetString());
        AssertService(problem, "productcatalog", 500);
    }

    [Fact]
    public async Task GetProduct_answered_with_an_html_page_is_a_502()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/products/{ShopPeers.GarbageProductId}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.StartsWith("productcatalog answered 200 with a body that is not", problem.GetProperty("detail").GetString());
        AssertService(problem, "productcatalog", 200);
    }

    [Fact]
    public async Task GetProduct_not_answered_in_time_is_a_504()
    {
        await using var variant = fixture.CreateVariant(web => web.ConfigureServices(services =>
            services.ConfigureHttpClientDefaults(http => http.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromSeconds(2)))));
        using var client = variant.CreateClient();

        using var response = await client.GetAsync($"/api/products/{ShopPeers.SlowProductId}");

        var problem = await ProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.StartsWith("productcatalog did not answer in time", problem.GetProperty("detail").GetString());
        AssertService(problem, "productcatalog", null);
    }

    [Fact]
    public async Task AddCartItem_twice_adds_up_quantities_in_the_cart()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();

        (await client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = ShopPeers.Starsense.Id, quantity = 2 })).EnsureSuccessStatusCode();
        using var second = await client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = ShopPeers.Starsense.Id, quantity = 3 });
        var cart = await client.GetFromJsonAsync<PeerCart>($"/api/cart/{userId}");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(userId, cart!.UserId);
        Assert.Equal([new PeerCartItem(ShopPeers.Starsense.Id, 5)], cart.Items);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task AddCartItem_with_a_quantity_outside_1_to_100_is_a_400_validation_problem(int quantity)
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();

        using var response = await client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = ShopPeers.Starsense.Id, quantity });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _));
        Assert.False(fixture.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task AddCartItem_of_an_unknown_product_is_404_and_leaves_the_cart_alone()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();

        using var response = await client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "NOPE", quantity = 1 });

        await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.False(fixture.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task GetCart_failing_in_the_cart_service_with_500_is_a_502_naming_it()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/cart/{ShopPeers.BrokenCartPrefix}{Guid.NewGuid():N}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("Simulated cart failure (cartFailure).", problem.GetProperty("detail").GetString());
        AssertService(problem, "cart", 500);
    }

    [Fact]
    public async Task EmptyCart_answers_204_and_empties_the_cart()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();
        (await client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = ShopPeers.RedFlashlight.Id, quantity = 1 })).EnsureSuccessStatusCode();

        using var response = await client.DeleteAsync($"/api/cart/{userId}");
        var cart = await client.GetFromJsonAsync<PeerCart>($"/api/cart/{userId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(cart!.Items);
    }

    [Fact]
    public async Task Checkout_places_the_order_of_the_cart()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();
        (await client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = ShopPeers.Explorascope.Id, quantity = 2 })).EnsureSuccessStatusCode();

        using var response = await client.PostAsJsonAsync("/api/checkout", CheckoutBody(userId, "someone@example.com"));
        var order = await response.Content.ReadFromJsonAsync<PeerOrder>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.Peers.Orders[userId].OrderId, order!.OrderId);
        Assert.Equal([new PeerOrderItem(ShopPeers.Explorascope.Id, 2, ShopPeers.Explorascope.Price)], order.Items);
        Assert.Equal(new PeerMoney("USD", 203.92m), order.Total);
        Assert.Equal("672", fixture.Peers.CheckoutRequests[userId].Card!.Cvv);
    }

    [Fact]
    public async Task Checkout_rejected_by_checkout_validation_passes_the_400_problem_and_its_field_errors_through()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();

        using var response = await client.PostAsJsonAsync("/api/checkout", CheckoutBody(userId, "not-an-email"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The order is not valid.", problem.GetProperty("detail").GetString());
        Assert.Equal("A valid e-mail address is required.", problem.GetProperty("errors").GetProperty("email")[0].GetString());
        AssertService(problem, "checkout", 400);
    }

    [Fact]
    public async Task Checkout_answering_502_is_a_502_keeping_its_detail()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();
        (await client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = ShopPeers.Explorascope.Id, quantity = 1 })).EnsureSuccessStatusCode();

        using var response = await client.PostAsJsonAsync("/api/checkout", CheckoutBody(userId, $"{ShopPeers.PaymentDownEmailPrefix}@example.com"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("payment answered 500: simulated payment failure (paymentFailure).", problem.GetProperty("detail").GetString());
        AssertService(problem, "checkout", 502);
    }

    [Fact]
    public async Task Checkout_answering_503_stays_a_503_so_the_shopper_may_try_again()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();
        (await client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = ShopPeers.Explorascope.Id, quantity = 1 })).EnsureSuccessStatusCode();

        using var response = await client.PostAsJsonAsync("/api/checkout", CheckoutBody(userId, $"{ShopPeers.KafkaDownEmailPrefix}@example.com"));

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Your order could not be confirmed; the charge was voided. Please try again.", problem.GetProperty("detail").GetString());
        AssertService(problem, "checkout", 503);
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_is_a_503_problem_naming_it()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var variant = fixture.CreateVariant(web => web.UseSetting("services:cart:http:0", $"http://127.0.0.1:{closedPort}"));
        using var client = variant.CreateClient();

        using var response = await client.GetAsync($"/api/cart/{NewUserId()}");

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("cart is unavailable", problem.GetProperty("title").GetString());
        Assert.StartsWith("cart cannot be reached", problem.GetProperty("detail").GetString());
        AssertService(problem, "cart", null);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_api_route()
    {
        using var client = fixture.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Subset(paths, new HashSet<string> { "/api/products", "/api/products/{id}", "/api/cart/{userId}", "/api/cart/{userId}/items", "/api/checkout", "/api/recommendations", "/api/ads" });
        Assert.DoesNotContain("/cart", paths);
    }

    private static object CheckoutBody(string userId, string email) => new
    {
        userId,
        email,
        currency = "USD",
        address = new { street = "1600 Amphitheatre Parkway", city = "Mountain View", state = "CA", country = "United States", zip = "94043" },
        card = new { number = "4432801561520454", cvv = 672, expirationMonth = 1, expirationYear = 2030 },
    };

    /// <summary>The problem names the peer that failed, what it answered (absent: no answer) and our trace.</summary>
    private static void AssertService(JsonElement problem, string service, int? serviceStatus)
    {
        Assert.Equal(service, problem.GetProperty("service").GetString());
        Assert.Equal(serviceStatus, problem.TryGetProperty("serviceStatus", out var status) ? status.GetInt32() : null);
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
