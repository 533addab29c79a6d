using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Accounting.Infrastructure;
using Platform.Contracts;

namespace Platform.Accounting.Extensions;

public static class Extensions
{
    /// <summary>The Kafka consumer group of this service.</summary>
    public const string ConsumerGroup = "accounting";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountingOptions>()
            .BindConfiguration(AccountingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // PostgreSQL through EF Core, the Aspire way: ConnectionStrings:accountingdb, a pooled context,
        // retries on transient errors, a health check, Npgsql's traces and metrics. The schema is
        // migrated at start by DatabaseMigrator; /health stays unhealthy until then.
        builder.AddNpgsqlDbContext<AccountingDbContext>(ResourceNames.AccountingDb);
        builder.Services.AddScoped<OrderStore>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHealthChecks()
            .AddCheck<MigrationHealthCheck>("accountingdb-migrations", tags: ["ready"]);

        // Kafka: orders consumed in group "accounting", stored idempotently.
        builder.AddKafkaConsumer(ResourceNames.Kafka, Topics.Orders, ConsumerGroup);
        builder.Services.AddSingleton<AccountingMetrics>();
        builder.Services.AddSingleton<OrderPlacedHandler>();
        builder.Services.AddHostedService<OrdersConsumer>();
    }
}
