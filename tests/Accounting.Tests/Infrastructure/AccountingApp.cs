using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts;
using Platform.Testing.Servers;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Accounting.Tests.Infrastructure;

/// <summary>
/// Accounting in memory (WebApplicationFactory) against a real PostgreSQL server, the librdkafka mock
/// cluster and a fake FlagService, all on loopback. One per test class.
/// </summary>
public sealed class AccountingApp : IAsyncLifetime
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "accounting-tests-" + Guid.NewGuid().ToString("N"));
    private LocalPostgresServer? _postgres;
    private KafkaMockCluster? _kafka;
    private WebApplicationFactory<Program>? _factory;

    public FakeFlagService Flags { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public KafkaProducer Producer { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = "";

    public string BootstrapServers => _kafka!.BootstrapServers;

    /// <summary>The service's own container (its DbContext as Aspire configured it).</summary>
    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        _postgres = await LocalPostgresServer.StartAsync(_directory);
        await _postgres.CreateDatabaseAsync("accountingdb");
        DatabaseConnectionString = _postgres.GetConnectionString("accountingdb");
        _kafka = KafkaMockCluster.Start();
        _kafka.EnsureTopic(Topics.Orders);
        Flags = await FakeFlagService.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            // Settings, not ConfigureAppConfiguration: AddNpgsqlDbContext reads its connection string while
            // Program builds the services, before configuration added that way is visible.
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ConnectionStrings:accountingdb"] = DatabaseConnectionString,
                ["ConnectionStrings:kafka"] = _kafka.BootstrapServers,
                ["Flags:CacheDuration"] = "00:00:00",
                ["Accounting:SlowConsumerDelay"] = "00:00:00.300",
                ["Kafka:Consumer:RetryBackoff"] = "00:00:00.100",
                ["Kafka:Consumer:MaxRetryBackoff"] = "00:00:00.500",
                ["Kafka:Consumer:PollTimeout"] = "00:00:00.100",
            })
            {
                web.UseSetting(key, value);
            }
            web.UseFakeFlagService(Flags);
        });
        Client = _factory.CreateClient();
        Producer = new KafkaProducer(Options.Create(new KafkaProducerOptions { BootstrapServers = _kafka.BootstrapServers }), NullLogger<KafkaProducer>.Instance);
        await WaitUntilHealthyAsync();
    }

    /// <summary>A second Accounting on the same servers whose database does not exist yet (the caller disposes it).</summary>
    public WebApplicationFactory<Program> CreateWithDatabase(string database) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:accountingdb", _postgres!.GetConnectionString(database));
            web.UseSetting("ConnectionStrings:kafka", _kafka!.BootstrapServers);
            web.UseFakeFlagService(Flags);
            web.UseSetting("Accounting:MigrationRetryDelay", "00:00:00.200");
            web.UseSetting("Kafka:Consumer:PollTimeout", "00:00:00.100");
            // A second member of group "accounting" on the same cluster: it must not share the first one's static id.
            web.UseSetting("Kafka:Consumer:StaticMembership", "false");
        });

    public Task CreateDatabaseAsync(string name) => _postgres!.CreateDatabaseAsync(name);

    public async Task<KafkaDeliveryResult> PublishAsync(OrderPlaced order) =>
        await Producer.PublishAsync(Topics.Orders, order.OrderId, IntegrationEvents.Serialize(order));

    public async Task<OrderPlaced> WaitForOrderAsync(string orderId)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var response = await Client.GetAsync($"/api/orders/{orderId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (await response.Content.ReadFromJsonAsync<OrderPlaced>())!;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Order {orderId} was not stored within {Wait}; last status {(int)response.StatusCode}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The offset group <c>accounting</c> committed on a partition of <c>orders</c> (the next one it will read), or null.</summary>
    public long? CommittedOffset(int partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "accounting" }).Build();
        var committed = consumer.Committed([new TopicPartition(Topics.Orders, partition)], TimeSpan.FromSeconds(10)).Single();
        return committed.Offset.IsSpecial ? null : committed.Offset.Value;
    }

    /// <summary>Waits until the group has committed past <paramref name="delivery"/> (so the service is done with it).</summary>
    public async Task WaitForCommitAsync(KafkaDeliveryResult delivery)
    {
        var deadline = DateTime.UtcNow + Wait;
        while ((CommittedOffset(delivery.Partition) ?? -1) <= delivery.Offset)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Offset {delivery.Offset} of partition {delivery.Partition} was not committed within {Wait}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Runs a count query with one parameter ($1): an order id, or an array of them for <c>ANY($1)</c>.</summary>
    public async Task<long> CountAsync(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + Wait;
        while ((await Client.GetAsync("/health")).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                var report = await _factory!.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
                throw new TimeoutException("Accounting did not become healthy: " + string.Join("; ", report.Entries
                    .Where(e => e.Value.Status != HealthStatus.Healthy)
                    .Select(e => $"{e.Key} {e.Value.Status} {e.Value.Description} {e.Value.Exception?.GetBaseException().Message}")));
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        Producer?.Dispose();
        if (Flags is not null)
        {
            await Flags.DisposeAsync();
        }
        _kafka?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
