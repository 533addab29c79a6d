using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Platform.Payment.Tests.Infrastructure;

/// <summary>
/// Payment in memory (WebApplicationFactory) with a fixed random seed, asking a real OFREP test
/// server for <c>paymentFailure</c> on every request (flag cache off). One per test class.
/// </summary>
public sealed class PaymentAppFixture : IAsyncLifetime
{
    public const int Seed = 20261122;

    private WebApplicationFactory<Program>? _factory;

    public FakeFlagService Flags { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IMeterFactory MeterFactory => _factory!.Services.GetRequiredService<IMeterFactory>();

    /// <summary>The service's container (e.g. its ChargeStore, to see that a rejected charge stored nothing).</summary>
    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        Flags = await FakeFlagService.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseFakeFlagService(Flags)
            .UseSetting("Flags:CacheDuration", "00:00:00")
            .UseSetting("Payment:RandomSeed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (Flags is not null) await Flags.DisposeAsync();
    }
}
