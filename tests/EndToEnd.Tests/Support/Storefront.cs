using Microsoft.Playwright;

namespace EndToEnd.Tests.Support;

/// <summary>A shopper in headless Chromium (Debian's /usr/bin/chromium; never <c>playwright install</c>).</summary>
public sealed class Storefront : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Storefront(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<Storefront> OpenAsync(Uri address)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString(), ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return new Storefront(playwright, browser, context, page);
    }

    /// <summary>From the home page: open a product by its name, set the quantity, add it to the cart.</summary>
    public async Task AddToCartAsync(string productName, int quantity)
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = productName }).First.ClickAsync();
        await Page.GetByLabel("Quantity").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await ArriveAtAsync("**/cart");
    }

    /// <summary>Places the order with the checkout form's prefilled details; returns the order id the confirmation page shows.</summary>
    public async Task<string> PlaceOrderAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await ArriveAtAsync("**/orders/*");
        return (await Page.Locator(".order-id").InnerTextAsync()).Trim();
    }

    /// <summary>
    /// Waits for the page a form posts to. A form that fails stays on its own address and shows an error page, so
    /// a timeout here fails with where the browser is and what the page says (the storefront's error pages name
    /// the service that failed).
    /// </summary>
    private async Task ArriveAtAsync(string url)
    {
        try
        {
            await Page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            var text = await Page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"the browser did not reach {url}; it is at {Page.Url}, which reads:\n{text}", e);
        }
    }

    /// <summary>The shopper's user id: the storefront's <c>shop_user</c> cookie.</summary>
    public async Task<string> UserIdAsync() =>
        (await Context.CookiesAsync()).Single(c => c.Name == "shop_user").Value;

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
