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
        builder.Services.AddScoped<OrderBatchStore>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHealthChecks()
            .AddCheck<MigrationHealthCheck>("accountingdb-migrations", tags: ["ready"])
            .AddCheck<LedgerWriteHealthCheck>("accounting-ledger-writes", tags: ["ready"]);
        builder.Services.AddSingleton<LedgerWriteHealth>();

        // Kafka: orders consumed in group "accounting" in batches, each stored in one idempotent statement.
        builder.AddKafkaConsumer(ResourceNames.Kafka, Topics.Orders, ConsumerGroup);
        builder.Services.AddSingleton<AccountingMetrics>();
        builder.Services.AddSingleton<OrderBatchHandler>();
        builder.Services.AddHostedService<OrdersConsumer>();
    }
}
