using Microsoft.Playwright;

namespace EndToEnd.Tests.Support;

/// <summary>The Aspire dashboard in headless Chromium. It is a Blazor app: every check waits for the circuit to render.</summary>
public sealed class Dashboard : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Dashboard(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Opens the login link (token in the URL), which lands on the resources page.</summary>
    public static async Task<Dashboard> LogInAsync(Uri loginUrl)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(loginUrl.ToString());
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return new Dashboard(playwright, browser, page);
    }

    /// <summary>The row of a resource on the resources page.</summary>
    public ILocator ResourceRow(string name) =>
        Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByText(name, new() { Exact = true }) });

    /// <summary>Whether the element shows within the time (false rather than a timeout exception).</summary>
    public async Task<bool> ShowsAsync(ILocator element, TimeSpan within)
    {
        try
        {
            await element.First.WaitForAsync(new() { Timeout = (float)within.TotalMilliseconds });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The page's visible text, for a failure message.</summary>
    public Task<string> TextAsync() => Page.InnerTextAsync("body");

    /// <summary>A full-page screenshot in the temporary folder; returns its path.</summary>
    public async Task<string> ScreenshotAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Waits until the page's text contains every one of the strings (Blazor renders as data arrives).</summary>
    public async Task WaitForTextAsync(params string[] texts)
    {
        foreach (var text in texts)
        {
            await Page.GetByText(text).First.WaitForAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
