using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Platform.Quote.Tests;

/// <summary>Quote in memory (WebApplicationFactory); Quote reads no flag and calls no one. One per test class.</summary>
public sealed class QuoteApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseEnvironment("Testing"));
        Client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    /// <summary>Another Quote with a different formula (the caller disposes it).</summary>
    public static WebApplicationFactory<Program> WithFormula(string baseCost, string costPerItem) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseSetting("Quote:BaseCost", baseCost)
            .UseSetting("Quote:CostPerItem", costPerItem));

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
    }
}
