using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Recommendation.Infrastructure;
using Platform.Testing;

namespace Platform.Recommendation.Tests;

/// <summary>
/// Recommendation in memory (WebApplicationFactory) reading the catalogue from a real HTTP peer and
/// <c>recommendationCacheFailure</c> from a real OFREP test server on every request (flag cache off). One per test class.
/// </summary>
public sealed class RecommendationApp : IAsyncLifetime
{
    public const int LeakCopiesPerCall = 10;
    public const int MaxLeakedEntries = 50_000;

    private WebApplicationFactory<Program>? _factory;

    public FakeFlagService Flags { get; private set; } = null!;

    public CataloguePeer Catalogue { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ProductCache Cache => _factory!.Services.GetRequiredService<ProductCache>();

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        Flags = await FakeFlagService.StartAsync();
        Catalogue = await CataloguePeer.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseFakeFlagService(Flags)
            .UseSetting("services:productcatalog:http:0", Catalogue.Address)
            .UseSetting("Flags:CacheDuration", "00:00:00")
            .UseSetting("Http:Resilience:Retry:Delay", "00:00:00")
            .UseSetting("Recommendation:LeakCopiesPerCall", LeakCopiesPerCall.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Recommendation:MaxLeakedEntries", MaxLeakedEntries.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Client = _factory.CreateClient();
    }

    /// <summary>Another Recommendation on the same flags with <paramref name="configure"/> applied on top (the caller disposes it).</summary>
    public WebApplicationFactory<Program> CreateVariant(Action<IWebHostBuilder> configure) => _factory!.WithWebHostBuilder(configure);

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (Catalogue is not null) await Catalogue.DisposeAsync();
        if (Flags is not null) await Flags.DisposeAsync();
    }
}
