extern alias QuoteService;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Platform.Shipping.Tests.Infrastructure;

/// <summary>
/// Shipping in memory (WebApplicationFactory) calling the real Quote service, which listens on a
/// loopback port (Kestrel), and a real OFREP test server for <c>intlShippingSlowdown</c> (flag cache
/// off). Plus a second Shipping whose Quote address has nothing listening. One per test class.
/// </summary>
public sealed class ShippingApp : IAsyncLifetime
{
    private WebApplicationFactory<QuoteService::Program>? _quote;
    private WebApplicationFactory<Program>? _shipping;
    private WebApplicationFactory<Program>? _quoteDown;

    public FakeFlagService Flags { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A Shipping whose Quote is unreachable (connection refused on port 1).</summary>
    public HttpClient QuoteDownClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Flags = await FakeFlagService.StartAsync();
        // Loopback, a port the system picks; the address Kestrel really bound is read back.
        _quote = new WebApplicationFactory<QuoteService::Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseSetting("urls", "http://127.0.0.1:0"));
        _quote.UseKestrel();
        _quote.StartServer();
        var quoteAddress = _quote.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _shipping = Create(quoteAddress);
        _quoteDown = Create("http://127.0.0.1:1");
        Client = _shipping.CreateClient();
        QuoteDownClient = _quoteDown.CreateClient();
    }

    private WebApplicationFactory<Program> Create(string quoteAddress) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseSetting("services:quote:http:0", quoteAddress)
            .UseFakeFlagService(Flags)
            .UseSetting("Flags:CacheDuration", "00:00:00"));

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        QuoteDownClient?.Dispose();
        if (_shipping is not null) await _shipping.DisposeAsync();
        if (_quoteDown is not null) await _quoteDown.DisposeAsync();
        if (_quote is not null) await _quote.DisposeAsync();
        if (Flags is not null) await Flags.DisposeAsync();
    }
}
