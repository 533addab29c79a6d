using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.LocalServers.Kafka;

namespace Aspire.Hosting;

/// <summary>librdkafka's mock cluster as an Aspire resource, no broker or container needed.</summary>
public static class KafkaMockClusterBuilderExtensions
{
    private const string BootstrapProperty = "kafka.bootstrap";

    /// <summary>
    /// Adds a Kafka endpoint hosted in the AppHost process by librdkafka's mock cluster (one broker
    /// on 127.0.0.1, data in memory). It shows Running and healthy on the dashboard, writes
    /// librdkafka's log to its console, and hands <c>127.0.0.1:PORT</c> to <c>WithReference</c>.
    /// <paramref name="topics"/> exist from the start (a real broker would create them on first use, or
    /// an operator ahead of time).
    /// <code>
    /// var kafka = builder.AddKafkaMockCluster("kafka", "orders");
    /// builder.AddProject&lt;Projects.Checkout&gt;("checkout").WithReference(kafka).WaitFor(kafka);
    /// </code>
    /// </summary>
    public static IResourceBuilder<KafkaMockClusterResource> AddKafkaMockCluster(this IDistributedApplicationBuilder builder, [ResourceName] string name, params string[] topics)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var kafka = new KafkaMockClusterResource(name);
        foreach (var topic in topics)
        {
            kafka.Topics.Add(topic);
        }
        builder.Eventing.Subscribe<InitializeResourceEvent>(kafka, async (@event, _) =>
        {
            @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(kafka.Stop);
            await StartAsync(kafka, @event.Notifications, @event.Logger);
            await @event.Eventing.PublishAsync(new ConnectionStringAvailableEvent(kafka, @event.Services));
        });

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddCheck(healthCheckKey, () =>
            kafka.IsAnswering() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The mock cluster does not answer a metadata request."));

        return builder.AddResource(kafka)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "KafkaMockCluster",
                State = KnownResourceStates.NotStarted,
                Properties = [],
            })
            .WithIconName("BoxMultiple")
            .WithHealthCheck(healthCheckKey)
            .WithCommand(KnownResourceCommands.StopCommand, "Stop", context => StopAsync(kafka, context.Services), new CommandOptions
            {
                Description = "Stops the mock cluster: a Kafka outage (its data is lost).",
                IconName = "Stop",
                IconVariant = IconVariant.Filled,
                IsHighlighted = true,
                UpdateState = context => IsRunning(context.ResourceSnapshot) ? ResourceCommandState.Enabled : ResourceCommandState.Hidden,
            })
            .WithCommand(KnownResourceCommands.StartCommand, "Start", context => StartAsync(kafka, context.Services), new CommandOptions
            {
                Description = "Starts a new, empty mock cluster. Its port is new: restart checkout and accounting to reconnect.",
                IconName = "Play",
                IconVariant = IconVariant.Filled,
                IsHighlighted = true,
                UpdateState = context => IsRunning(context.ResourceSnapshot) ? ResourceCommandState.Hidden : ResourceCommandState.Enabled,
            });
    }

    private static bool IsRunning(CustomResourceSnapshot snapshot) => snapshot.State?.Text == KnownResourceStates.Running;

    private static async Task StartAsync(KafkaMockClusterResource kafka, ResourceNotificationService notifications, ILogger logger)
    {
        await notifications.PublishUpdateAsync(kafka, s => s with { State = KnownResourceStates.Starting });
        var address = kafka.Start(message => logger.Log(ToLogLevel(message.Level), "{Facility}: {Message}", message.Facility, message.Message));
        logger.LogInformation("librdkafka mock cluster on {Address} (in the AppHost process; data in memory)", address);
        await notifications.PublishUpdateAsync(kafka, s => s with
        {
            State = KnownResourceStates.Running,
            StartTimeStamp = DateTime.UtcNow,
            StopTimeStamp = null,
            Properties = [.. s.Properties.Where(p => p.Name != BootstrapProperty), new(BootstrapProperty, address)],
        });
    }

    private static async Task<ExecuteCommandResult> StartAsync(KafkaMockClusterResource kafka, IServiceProvider services)
    {
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(kafka);
        await StartAsync(kafka, services.GetRequiredService<ResourceNotificationService>(), logger);
        return CommandResults.Success();
    }

    private static async Task<ExecuteCommandResult> StopAsync(KafkaMockClusterResource kafka, IServiceProvider services)
    {
        kafka.Stop();
        services.GetRequiredService<ResourceLoggerService>().GetLogger(kafka).LogInformation("librdkafka mock cluster stopped");
        await services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(kafka, s => s with
        {
            State = KnownResourceStates.Exited,
            StopTimeStamp = DateTime.UtcNow,
        });
        return CommandResults.Success();
    }

    private static LogLevel ToLogLevel(Confluent.Kafka.SyslogLevel level) => level switch
    {
        <= Confluent.Kafka.SyslogLevel.Error => LogLevel.Error,
        Confluent.Kafka.SyslogLevel.Warning => LogLevel.Warning,
        Confluent.Kafka.SyslogLevel.Debug => LogLevel.Debug,
        _ => LogLevel.Information,
    };
}
