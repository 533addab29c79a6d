using Frontend.Tests.Support;
using Microsoft.Playwright;

namespace Frontend.Tests;

/// <summary>A shopper in headless Chromium (Debian's, no <c>playwright install</c>) buys a telescope from the home page.</summary>
public sealed class BrowserCheckoutTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    [Fact]
    public async Task A_shopper_browses_adds_to_cart_checks_out_and_sees_the_order_id()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        // Generous: the machine is 2 cores shared with builds; a healthy run takes a few seconds.
        page.SetDefaultTimeout(60_000);
        var brokenImages = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/images/", StringComparison.Ordinal) && response.Status != 200)
            {
                brokenImages.Add(response.Url);
            }
        };

        await page.GotoAsync(fixture.Address.ToString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/frontend-home.png", FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = Peers.ShopPeers.Starsense.Name }).ClickAsync();
        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.WaitForURLAsync("**/cart", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/frontend-cart.png", FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await page.WaitForURLAsync("**/orders/*", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var shownOrderId = await page.Locator(".order-id").InnerTextAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/frontend-confirmation.png", FullPage = true });

        var placed = Assert.Single(fixture.Peers.Orders.Values, o => o.OrderId == shownOrderId);
        Assert.EndsWith($"/orders/{placed.OrderId}", page.Url);
        Assert.Equal("Thank you! Your order is placed.", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("$699.90", await page.Locator("td.total").InnerTextAsync());
        Assert.Empty(brokenImages);
    }
}
