using System.Diagnostics.Metrics;
using System.Net;
using Confluent.Kafka;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;
using Platform.Testing.Servers;

namespace Platform.FraudDetection.Tests.Infrastructure;

/// <summary>
/// FraudDetection in memory (WebApplicationFactory) against the librdkafka mock cluster and a fake
/// FlagService, on loopback. One per test class: its own cluster, so its group's offsets are its own.
/// </summary>
public sealed class FraudDetectionApp : IAsyncLifetime
{
    public const string Group = "fraud-detection";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private KafkaMockCluster? _kafka;
    private WebApplicationFactory<Program>? _factory;

    public FakeFlagService Flags { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public KafkaProducer Producer { get; private set; } = null!;

    public string BootstrapServers => _kafka!.BootstrapServers;

    /// <summary>The service's own container.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The service's meter factory: a listener matches its instruments by it (other apps in the process have their own).</summary>
    public IMeterFactory MeterFactory => Services.GetRequiredService<IMeterFactory>();

    public async Task InitializeAsync()
    {
        _kafka = KafkaMockCluster.Start();
        _kafka.EnsureTopic(Topics.Orders);
        Flags = await FakeFlagService.StartAsync();
        Flags.Set(FlagKeys.KafkaQueueProblems, 0);
        _factory = Create(new Dictionary<string, string?>(Flags.ClientSettings)
        {
            ["ConnectionStrings:kafka"] = _kafka.BootstrapServers,
        });
        Client = _factory.CreateClient();
        Producer = new KafkaProducer(Options.Create(new KafkaProducerOptions { BootstrapServers = _kafka.BootstrapServers }), NullLogger<KafkaProducer>.Instance);
        await WaitUntilHealthyAsync();
    }

    /// <summary>
    /// A FraudDetection with the test settings and <paramref name="settings"/> on top (a null value removes a
    /// key); the caller disposes it. Slow mode is 100 ms per order and batches are 5 messages, so the
    /// committed offset, and with it the lag, moves every half second while the flag is on.
    /// </summary>
    public static WebApplicationFactory<Program> Create(IReadOnlyDictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            var all = new Dictionary<string, string?>
            {
                ["Flags:CacheDuration"] = "00:00:00",
                ["FraudDetection:SlowConsumerDelay"] = "00:00:00.100",
                ["FraudDetection:LagInterval"] = "00:00:00.100",
                ["Kafka:Consumer:MaxBatchSize"] = "5",
                ["Kafka:Consumer:RetryBackoff"] = "00:00:00.100",
                ["Kafka:Consumer:MaxRetryBackoff"] = "00:00:00.500",
                ["Kafka:Consumer:PollTimeout"] = "00:00:00.100",
            };
            foreach (var (key, value) in settings)
            {
                all[key] = value;
            }
            foreach (var (key, value) in all)
            {
                if (value is not null)
                {
                    web.UseSetting(key, value);
                }
            }
        });

    public async Task<KafkaDeliveryResult> PublishAsync(OrderPlaced order) =>
        await Producer.PublishAsync(Topics.Orders, order.OrderId, IntegrationEvents.Serialize(order));

    /// <summary>The offset group <c>fraud-detection</c> committed on a partition of <c>orders</c> (the next one it will read), or null.</summary>
    public long? CommittedOffset(int partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = Group }).Build();
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

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + Wait;
        while ((await Client.GetAsync("/health")).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                var report = await _factory!.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
                throw new TimeoutException("FraudDetection did not become healthy: " + string.Join("; ", report.Entries
                    .Where(e => e.Value.Status != HealthStatus.Healthy)
                    .Select(e => $"{e.Key} {e.Value.Status} {e.Value.Description}")));
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
    }
}
