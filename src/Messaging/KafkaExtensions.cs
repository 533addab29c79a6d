using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.Messaging;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers Kafka clients configured the Aspire way (<c>ConnectionStrings:{name}</c> = bootstrap servers).</summary>
public static class KafkaExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="KafkaProducer"/> whose bootstrap servers come from
    /// <c>ConnectionStrings:{connectionName}</c> and whose other settings come from section
    /// <c>Kafka:Producer</c> (<see cref="KafkaProducerOptions"/>), plus a health check named
    /// <paramref name="connectionName"/> that asks the cluster for its brokers.
    /// <code>builder.AddKafkaProducer("kafka");</code>
    /// </summary>
    public static TBuilder AddKafkaProducer<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        builder.Services.AddOptions<KafkaProducerOptions>()
            .BindConfiguration(KafkaProducerOptions.SectionName)
            .Configure<IConfiguration>((o, config) =>
            {
                if (string.IsNullOrWhiteSpace(o.BootstrapServers))
                {
                    o.BootstrapServers = config.GetConnectionString(connectionName) ?? "";
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.BootstrapServers), $"ConnectionStrings:{connectionName} (Kafka bootstrap servers) is not set.")
            .Validate(o => o.DeliveryTimeout > TimeSpan.Zero, "Kafka:Producer:DeliveryTimeout must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<KafkaProducer>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(connectionName,
            sp => new KafkaHealthCheck(sp.GetRequiredService<KafkaProducer>()), HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(5)));
        return builder;
    }

    /// <summary>
    /// Registers a singleton <see cref="KafkaConsumerLoop"/> for <paramref name="topic"/> in group
    /// <paramref name="groupId"/>, with bootstrap servers from <c>ConnectionStrings:{connectionName}</c>
    /// and retry/poll settings from section <c>Kafka:Consumer</c>. A hosted service runs it:
    /// <code>builder.AddKafkaConsumer("kafka", Topics.Orders, "accounting");</code>
    /// </summary>
    public static TBuilder AddKafkaConsumer<TBuilder>(this TBuilder builder, string connectionName, string topic, string groupId) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        builder.Services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var options = new KafkaConsumerOptions();
            config.GetSection("Kafka:Consumer").Bind(options);
            options.BootstrapServers = config.GetConnectionString(connectionName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} (Kafka bootstrap servers) is not set.");
            options.Topic = topic;
            options.GroupId = groupId;
            return new KafkaConsumerLoop(options, sp.GetRequiredService<ILogger<KafkaConsumerLoop>>(), sp.GetService<TimeProvider>());
        });
        return builder;
    }
}

/// <summary>Healthy when the cluster answers a metadata request with at least one broker.</summary>
public sealed class KafkaHealthCheck(KafkaProducer producer) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var brokers = await Task.Run(() => producer.CountBrokers(TimeSpan.FromSeconds(3)), cancellationToken).ConfigureAwait(false);
            return brokers > 0
                ? HealthCheckResult.Healthy($"{brokers} broker(s)")
                : new HealthCheckResult(context.Registration.FailureStatus, "The cluster reports no broker.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Kafka did not answer a metadata request.", ex);
        }
    }
}
