using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Contracts;
using Platform.Testing.Servers;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Cart.Tests.Infrastructure;

/// <summary>
/// The Cart service in memory (WebApplicationFactory) against a real redis-server and a fake
/// FlagService, both on loopback. Used by the fixtures (one per test class) and by the outage test,
/// which hands in a redis-server it stops and starts itself.
/// </summary>
public sealed class CartApp : IAsyncDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    /// <summary>Cart:RedisTimeout in the tests: how long a dead Redis may hold a request.</summary>
    public static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(2);

    private readonly string? _directory;
    private readonly LocalRedisServer? _redis;
    private readonly FakeFlagService _flags;
    private readonly WebApplicationFactory<Program> _factory;

    private CartApp(string redisConnectionString, string? directory, LocalRedisServer? redis, FakeFlagService flags)
    {
        _directory = directory;
        _redis = redis;
        _flags = flags;
        RedisConnectionString = redisConnectionString;
        // Settings, not app configuration: Aspire's AddRedisClient reads the connection string while
        // Program.cs registers services, before configuration added by ConfigureAppConfiguration applies.
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseSetting($"ConnectionStrings:{ResourceNames.Redis}", redisConnectionString)
            .UseFakeFlagService(flags)
            .UseSetting("Cart:Ttl", Ttl.ToString())
            .UseSetting("Cart:RedisTimeout", RedisTimeout.ToString()));
        Client = _factory.CreateClient();
    }

    public HttpClient Client { get; }

    /// <summary>The service's container (e.g. its IMeterFactory, to tell its meters from another fixture's).</summary>
    public IServiceProvider Services => _factory.Services;

    public string RedisConnectionString { get; }

    /// <summary>Starts the cart with its own redis-server (stopped on dispose).</summary>
    public static async Task<CartApp> StartAsync(IReadOnlyDictionary<string, bool> flags)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cart-tests-" + Guid.NewGuid().ToString("N"));
        var redis = await LocalRedisServer.StartAsync(directory);
        return new CartApp(redis.ConnectionString, directory, redis, await StartFlagsAsync(flags));
    }

    /// <summary>Starts the cart on a Redis the caller owns (and may stop and start).</summary>
    public static async Task<CartApp> StartAsync(IReadOnlyDictionary<string, bool> flags, string redisConnectionString) =>
        new(redisConnectionString, null, null, await StartFlagsAsync(flags));

    /// <summary>A StackExchange.Redis client of the same Redis, to look at what the service stored.</summary>
    public Task<ConnectionMultiplexer> ConnectRedisAsync() => ConnectionMultiplexer.ConnectAsync(RedisConnectionString);

    public static string NewUserId() => "user-" + Guid.NewGuid().ToString("N");

    public static IReadOnlyDictionary<string, bool> FlagsOff { get; } = new Dictionary<string, bool>
    {
        [FlagKeys.CartFailure] = false,
        [FlagKeys.FailedReadinessProbe] = false,
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _flags.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<FakeFlagService> StartFlagsAsync(IReadOnlyDictionary<string, bool> flags)
    {
        var flagService = await FakeFlagService.StartAsync();
        foreach (var (key, on) in flags)
        {
            flagService.Set(key, on);
        }
        return flagService;
    }
}

/// <summary>Cart with every flag off.</summary>
public sealed class CartFixture : IAsyncLifetime
{
    public CartApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await CartApp.StartAsync(CartApp.FlagsOff);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Cart with <c>cartFailure</c> and <c>failedReadinessProbe</c> on.</summary>
public sealed class FailingCartFixture : IAsyncLifetime
{
    public CartApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await CartApp.StartAsync(new Dictionary<string, bool>
    {
        [FlagKeys.CartFailure] = true,
        [FlagKeys.FailedReadinessProbe] = true,
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}
