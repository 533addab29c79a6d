using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.Local;
using Platform.Redis;
using Platform.Testing;

namespace Platform.Cart.Tests.Infrastructure;

/// <summary>
/// The Cart service in memory (WebApplicationFactory) against a real redis-server and a fake
/// FlagService, both on loopback. Used by the fixtures; one per test class.
/// </summary>
public sealed class CartApp : IAsyncDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private readonly string _directory;
    private readonly LocalRedisServer _redis;
    private readonly FakeFlagService _flags;
    private readonly WebApplicationFactory<Program> _factory;

    private CartApp(string directory, LocalRedisServer redis, FakeFlagService flags)
    {
        _directory = directory;
        _redis = redis;
        _flags = flags;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:redis"] = redis.ConnectionString,
                ["services:flagservice:http:0"] = flags.Address,
                ["Cart:Ttl"] = Ttl.ToString(),
            }));
        });
        Client = _factory.CreateClient();
    }

    public HttpClient Client { get; }

    /// <summary>The service's container (e.g. its IMeterFactory, to tell its meters from another fixture's).</summary>
    public IServiceProvider Services => _factory.Services;

    public string RedisConnectionString => _redis.ConnectionString;

    public static async Task<CartApp> StartAsync(IReadOnlyDictionary<string, bool> flags)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cart-tests-" + Guid.NewGuid().ToString("N"));
        var redis = await LocalRedisServer.StartAsync(directory);
        var flagService = await FakeFlagService.StartAsync();
        foreach (var (key, on) in flags)
        {
            flagService.Set(key, on);
        }
        return new CartApp(directory, redis, flagService);
    }

    /// <summary>A client of the same Redis, to look at what the service stored.</summary>
    public RedisClient CreateRedisClient() => new(_redis.ConnectionString);

    public static string NewUserId() => "user-" + Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _flags.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>Cart with every flag off.</summary>
public sealed class CartFixture : IAsyncLifetime
{
    public CartApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await CartApp.StartAsync(new Dictionary<string, bool>
    {
        ["cartFailure"] = false,
        ["failedReadinessProbe"] = false,
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Cart with <c>cartFailure</c> and <c>failedReadinessProbe</c> on.</summary>
public sealed class FailingCartFixture : IAsyncLifetime
{
    public CartApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await CartApp.StartAsync(new Dictionary<string, bool>
    {
        ["cartFailure"] = true,
        ["failedReadinessProbe"] = true,
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}
