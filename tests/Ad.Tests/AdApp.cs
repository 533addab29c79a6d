using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Ad.Infrastructure;
using Platform.Testing;

namespace Platform.Ad.Tests;

/// <summary>
/// Ad in memory (WebApplicationFactory) asking a real OFREP test server for its flags on every request (flag
/// cache off); adHighCpu is polled every 200 ms, adManualGc builds 8 MiB and forces 2 collections per request.
/// </summary>
public sealed class AdApp : IAsyncLifetime
{
    /// <summary>The Ad test classes run one after the other: the CPU and GC tests measure the whole process.</summary>
    public const string Collection = "ad";

    public const int ForcedCollectionsPerRequest = 2;
    public const int BurningThreads = 2;

    private WebApplicationFactory<Program>? _factory;

    public FakeFlagService Flags { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public CpuBurner Cpu => _factory!.Services.GetRequiredService<CpuBurner>();

    public AdTelemetry Telemetry => _factory!.Services.GetRequiredService<AdTelemetry>();

    public async Task InitializeAsync()
    {
        Flags = await FakeFlagService.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseFakeFlagService(Flags)
            .UseSetting("Flags:CacheDuration", "00:00:00")
            .UseSetting("Ad:HighCpuPollInterval", "00:00:00.200")
            .UseSetting("Ad:HighCpuThreads", BurningThreads.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Ad:ManualGcPressureBytes", (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Ad:ManualGcCollections", ForcedCollectionsPerRequest.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (Flags is not null) await Flags.DisposeAsync();
    }
}
