using Microsoft.Playwright;

namespace EndToEnd.Tests.Support;

/// <summary>Debian's headless Chromium through Playwright (never <c>playwright install</c>).</summary>
public static class Chromium
{
    // Without the background-networking switches Chromium keeps calling out of this closed network.
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = Args });
}
