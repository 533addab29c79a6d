using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Messaging;

/// <summary>
/// Publishes messages to Kafka with an idempotent producer (<c>acks=all</c>): <see cref="PublishAsync"/>
/// completes only once the broker acknowledged the message, so a success means it is stored.
/// Each publish is a Producer span <c>{topic} publish</c> whose W3C context travels in the message
/// headers. Register with <c>builder.AddKafkaProducer("kafka")</c>.
/// </summary>
public sealed class KafkaProducer : IDisposable
{
    private readonly KafkaProducerOptions _options;
    private readonly ILogger<KafkaProducer> _logger;
    private readonly Lock _gate = new();
    private IProducer<string, byte[]>? _producer;
    private bool _disposed;

    /// <summary>Creates the wrapper; the librdkafka producer is created on first use.</summary>
    public KafkaProducer(IOptions<KafkaProducerOptions> options, ILogger<KafkaProducer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(_options.BootstrapServers))
        {
            throw new InvalidOperationException("Kafka bootstrap servers are not configured (ConnectionStrings:kafka).");
        }
    }

    /// <summary>The librdkafka configuration this producer uses.</summary>
    public ProducerConfig CreateConfig() => new()
    {
        BootstrapServers = _options.BootstrapServers,
        ClientId = _options.ClientId ?? AppDomain.CurrentDomain.FriendlyName,
        EnableIdempotence = true,
        Acks = Acks.All,
        MessageTimeoutMs = (int)_options.DeliveryTimeout.TotalMilliseconds,
        RequestTimeoutMs = (int)Math.Min(_options.DeliveryTimeout.TotalMilliseconds, 5000),
        LingerMs = 5,
    };

    /// <summary>
    /// Publishes <paramref name="value"/> under <paramref name="key"/> and waits for the broker's
    /// acknowledgement. Throws <see cref="KafkaException"/> (a <see cref="ProduceException{TKey,TValue}"/>)
    /// when the message could not be delivered within the delivery timeout.
    /// <code>var result = await producer.PublishAsync(Topics.Orders, order.OrderId, IntegrationEvents.Serialize(order), ct);</code>
    /// </summary>
    public async Task<KafkaDeliveryResult> PublishAsync(string topic, string key, byte[] value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);

        using var activity = MessagingTelemetry.ActivitySource.StartActivity($"{topic} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.operation.name", "publish");
        activity?.SetTag("messaging.kafka.message.key", key);

        var message = new Message<string, byte[]> { Key = key, Value = value, Headers = [] };
        TraceContextHeaders.Inject(activity ?? Activity.Current, message.Headers);
        try
        {
            var delivery = await GetProducer().ProduceAsync(topic, message, cancellationToken).ConfigureAwait(false);
            var partition = delivery.Partition.Value;
            activity?.SetTag("messaging.kafka.destination.partition", partition);
            activity?.SetTag("messaging.destination.partition.id", partition.ToString(CultureInfo.InvariantCulture));
            activity?.SetTag("messaging.kafka.message.offset", delivery.Offset.Value);
            return new KafkaDeliveryResult(delivery.Topic, partition, delivery.Offset.Value);
        }
        catch (Exception ex)
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag("error.type", ex is KafkaException ke ? ke.Error.Code.ToString() : ex.GetType().FullName);
            MessagingLog.PublishFailed(_logger, topic, key, ex);
            if (ex is KafkaException { Error.IsFatal: true })
            {
                ResetProducer();
            }
            throw;
        }
    }

    /// <summary>Asks the cluster for its metadata: the brokers it knows (used by the health check).</summary>
    public int CountBrokers(TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(GetProducer().Handle).Build();
        return admin.GetMetadata(timeout).Brokers.Count;
    }

    private IProducer<string, byte[]> GetProducer()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _producer ??= new ProducerBuilder<string, byte[]>(CreateConfig())
                .SetErrorHandler((_, error) => MessagingLog.ClientError(_logger, "producer", error.Code.ToString(), error.Reason, error.IsFatal))
                .SetLogHandler((_, log) => MessagingLog.ClientLog(_logger, "producer", log.Facility, log.Message))
                .Build();
        }
    }

    private void ResetProducer()
    {
        IProducer<string, byte[]>? old;
        lock (_gate)
        {
            old = _producer;
            _producer = null;
        }
        old?.Dispose();
    }

    /// <summary>Flushes what is still queued (up to 5 s) and releases the native producer.</summary>
    public void Dispose()
    {
        IProducer<string, byte[]>? producer;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            producer = _producer;
            _producer = null;
        }
        if (producer is not null)
        {
            producer.Flush(TimeSpan.FromSeconds(5));
            producer.Dispose();
        }
    }
}
