using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Testing;

namespace Platform.ProductCatalog.Tests.Infrastructure;

/// <summary>ProductCatalog in memory (WebApplicationFactory) asking a real OFREP test server for its flags, one per test class.</summary>
public sealed class CatalogAppFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public FakeFlagService Flags { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Flags = await FakeFlagService.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseFakeFlagService(Flags)
            .UseSetting("Flags:CacheDuration", "00:00:00"));
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (Flags is not null) await Flags.DisposeAsync();
    }
}
