extern alias CurrencyService;

using System.Net;
using Frontend.Tests.Peers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Frontend.Tests.Support;

/// <summary>
/// The frontend on real Kestrel (127.0.0.1, random port) wired to the three peers and to the real
/// Currency service (Kestrel, loopback, random port) through <c>services:*:http:0</c>, once per test class. Each test makes its own client (its own
/// <c>shop_user</c> cookie, so its own cart) and so never sees another test's data.
/// </summary>
public sealed class FrontendFixture : IAsyncLifetime
{
    private FrontendFactory? _factory;
    private WebApplicationFactory<CurrencyService::Program>? _currency;

    public ShopPeers Peers { get; private set; } = null!;

    public DiscoveryPeers Discovery { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>The real Currency service the frontend converts prices through.</summary>
    public Uri CurrencyAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Peers = await ShopPeers.StartAsync();
        _currency = new WebApplicationFactory<CurrencyService::Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseSetting("urls", "http://127.0.0.1:0"));
        _currency.UseKestrel();
        _currency.StartServer();
        CurrencyAddress = new Uri(_currency.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Discovery = await DiscoveryPeers.StartAsync(Peers);
        _factory = new FrontendFactory(Peers, CurrencyAddress, Discovery);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Address = new Uri(addresses.Addresses.First());
    }

    /// <summary>
    /// Another frontend on the same peers with <paramref name="configure"/> applied on top (the caller
    /// disposes it), e.g. a peer address where nothing listens or a short client timeout.
    /// </summary>
    public WebApplicationFactory<Program> CreateVariant(Action<IWebHostBuilder> configure) => _factory!.WithWebHostBuilder(configure);

    /// <summary>A plain HTTP client with its own cookie jar that does not follow redirects (so tests see the 303s).</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = Address,
    };

    /// <summary>A client that sends only the Cookie headers a test writes itself.</summary>
    public HttpClient CreateClientWithoutCookieJar() => new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = Address,
    };

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_currency is not null)
        {
            await _currency.DisposeAsync();
        }

        await Peers.DisposeAsync();
        await Discovery.DisposeAsync();
    }

    private sealed class FrontendFactory : WebApplicationFactory<Program>
    {
        private readonly ShopPeers _peers;
        private readonly Uri _currency;
        private readonly DiscoveryPeers _discovery;

        public FrontendFactory(ShopPeers peers, Uri currency, DiscoveryPeers discovery)
        {
            _peers = peers;
            _currency = currency;
            _discovery = discovery;
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // "Testing": appsettings.Development.json (the dev ports 5101..5103) is not loaded.
            builder.UseEnvironment("Testing");
            builder.UseSetting("services:productcatalog:http:0", _peers.CatalogAddress.ToString());
            builder.UseSetting("services:cart:http:0", _peers.CartAddress.ToString());
            builder.UseSetting("services:checkout:http:0", _peers.CheckoutAddress.ToString());
            builder.UseSetting("services:currency:http:0", _currency.ToString());
            builder.UseSetting("services:recommendation:http:0", _discovery.Address.ToString());
            builder.UseSetting("services:ad:http:0", _discovery.Address.ToString());
            // The peers' failures are deliberate: retries without delay (they would only slow the tests) and a
            // breaker that never opens, so one test's 5xx cannot fail another test's calls.
            builder.UseSetting("Http:Resilience:Retry:Delay", "00:00:00");
            builder.UseSetting("Http:Resilience:CircuitBreaker:MinimumThroughput", "1000000");
        }
    }
}
