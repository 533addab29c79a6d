using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts;
using Platform.FraudDetection.Infrastructure;

namespace Platform.FraudDetection.Extensions;

public static class Extensions
{
    /// <summary>The Kafka consumer group of this service (a second group on <c>orders</c>, beside <c>accounting</c>).</summary>
    public const string ConsumerGroup = "fraud-detection";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FraudDetectionOptions>()
            .BindConfiguration(FraudDetectionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Kafka: orders consumed in group "fraud-detection", each assessed by the rules; nothing is stored.
        builder.AddKafkaConsumer(ResourceNames.Kafka, Topics.Orders, ConsumerGroup);
        builder.Services.AddSingleton<FraudMetrics>();
        builder.Services.AddSingleton<OrderScreening>();
        builder.Services.AddHostedService<OrdersConsumer>();

        // The group's lag, measured from the cluster, for app.fraud.consumer.lag and readiness.
        builder.Services.AddSingleton<ConsumerLagMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConsumerLagMonitor>());
        builder.Services.AddHealthChecks().AddCheck<ConsumerLagHealthCheck>("kafka-consumer-lag", tags: ["ready"]);
    }
}
