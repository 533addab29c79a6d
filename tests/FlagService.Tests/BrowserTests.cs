using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace FlagService.Tests;

/// <summary>The flags page in headless Chromium against FlagService running as a real process.</summary>
public class BrowserTests
{
    [Fact]
    public async Task An_operator_switches_a_flag_in_the_browser()
    {
        var directory = Path.Combine(Path.GetTempPath(), "flagservice-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var flagFile = Path.Combine(directory, "flags.flagd.json");
        await File.WriteAllTextAsync(flagFile, FlagServiceHost.DemoFlags);
        var url = $"http://127.0.0.1:{FreePort()}";
        using var service = StartService(url, flagFile);
        try
        {
            await WaitUntilAlive(url);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false });

            await page.GotoAsync(url + "/");
            var row = page.Locator("#flag-paymentFailure");
            await row.Locator("select[name=defaultVariant]").SelectOptionAsync("50%");
            await row.Locator("input[name=adminToken]").FillAsync(FlagServiceHost.AdminToken);
            await row.Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("changed=paymentFailure"));

            Assert.Equal("Switched paymentFailure to 50%.", (await page.Locator("p[role=status]").InnerTextAsync()).Trim());
            Assert.Equal("50%", (await page.Locator("#flag-paymentFailure td.default").InnerTextAsync()).Trim());
            Assert.DoesNotContain(FlagServiceHost.AdminToken, page.Url);
            Assert.Contains("\"defaultVariant\": \"50%\"", await File.ReadAllTextAsync(flagFile));
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Process StartService(string url, string flagFile)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FlagService.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Flags__File"] = flagFile;
        start.Environment["Flags__AdminToken"] = FlagServiceHost.AdminToken;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAlive(string url)
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                if ((await http.GetAsync(url + "/alive")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"FlagService at {url} did not come up");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
