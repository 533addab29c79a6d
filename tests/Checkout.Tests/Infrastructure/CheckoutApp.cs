using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Testing.Servers;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Checkout.Tests.Infrastructure;

/// <summary>
/// Checkout in memory (WebApplicationFactory) with real HTTP peers (cart, catalog, payment, flags) on
/// loopback and the librdkafka mock cluster; plus a second Checkout whose Kafka is unreachable.
/// </summary>
public sealed class CheckoutApp : IAsyncLifetime
{
    private KafkaMockCluster? _kafka;
    private WebApplicationFactory<Program>? _factory;
    private WebApplicationFactory<Program>? _kafkaDownFactory;

    public FakePeers Peers { get; private set; } = null!;

    public FakeFlagService Flags { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A Checkout whose Kafka bootstrap address has no broker (publish times out after 2 s).</summary>
    public HttpClient KafkaDownClient { get; private set; } = null!;

    public string BootstrapServers => _kafka!.BootstrapServers;

    public async Task InitializeAsync()
    {
        _kafka = KafkaMockCluster.Start();
        _kafka.EnsureTopic(Topics.Orders);
        Peers = await FakePeers.StartAsync();
        Flags = await FakeFlagService.StartAsync();
        _factory = Create(_kafka.BootstrapServers);
        _kafkaDownFactory = Create("127.0.0.1:1");
        Client = _factory.CreateClient();
        KafkaDownClient = _kafkaDownFactory.CreateClient();
    }

    /// <summary>Another Checkout on the same peers and Kafka with extra settings (the caller disposes it).</summary>
    public WebApplicationFactory<Program> CreateVariant(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null) =>
        Create(_kafka!.BootstrapServers, settings, services);

    private WebApplicationFactory<Program> Create(string kafka, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            if (services is not null)
            {
                web.ConfigureServices(services);
            }
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:kafka", kafka);
            web.UseSetting("Kafka:Producer:DeliveryTimeout", "00:00:02");
            web.UseSetting("services:cart:http:0", Peers.Address);
            web.UseSetting("services:productcatalog:http:0", Peers.Address);
            web.UseSetting("services:payment:http:0", Peers.Address);
            web.UseSetting("services:shipping:http:0", Peers.Address);
            web.UseSetting("services:currency:http:0", Peers.Address);
            web.UseSetting("services:email:http:0", Peers.Address);
            web.UseFakeFlagService(Flags);
            web.UseSetting("Flags:CacheDuration", "00:00:00");
        });

    public static string NewUserId() => "user-" + Guid.NewGuid().ToString("N");

    public void FillCart(string userId, params (string ProductId, int Quantity)[] items) => Peers.Carts[userId] = [.. items];

    /// <summary>Every message on <c>orders</c> so far (read with an independent consumer until 2 s of silence).</summary>
    public IReadOnlyList<ConsumeResult<string, byte[]>> ReadOrdersTopic()
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(Topics.Orders);
        var messages = new List<ConsumeResult<string, byte[]>>();
        var first = true;
        while (consumer.Consume(first ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(2)) is { } result)
        {
            first = false;
            messages.Add(result);
        }
        consumer.Close();
        return messages;
    }

    public static OrderPlaced Parse(ConsumeResult<string, byte[]> message) => IntegrationEvents.DeserializeOrderPlaced(message.Message.Value);

    public static string? Header(ConsumeResult<string, byte[]> message, string name) =>
        message.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        KafkaDownClient?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_kafkaDownFactory is not null)
        {
            await _kafkaDownFactory.DisposeAsync();
        }
        if (Peers is not null)
        {
            await Peers.DisposeAsync();
        }
        if (Flags is not null)
        {
            await Flags.DisposeAsync();
        }
        _kafka?.Dispose();
    }
}
