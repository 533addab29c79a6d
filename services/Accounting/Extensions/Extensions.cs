using Microsoft.EntityFrameworkCore;
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

        // PostgreSQL through EF Core; schema migrated at start by DatabaseMigrator.
        builder.Services.AddDbContext<AccountingDbContext>((sp, o) => o.UseNpgsql(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("accountingdb")
            ?? throw new InvalidOperationException("ConnectionStrings:accountingdb is not set.")));
        builder.Services.AddScoped<OrderStore>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("accountingdb", tags: ["ready"])
            .AddCheck<MigrationHealthCheck>("accountingdb-migrations", tags: ["ready"]);

        // Kafka: orders consumed in group "accounting", stored idempotently.
        builder.AddKafkaConsumer("kafka", Topics.Orders, ConsumerGroup);
        builder.Services.AddSingleton<AccountingMetrics>();
        builder.Services.AddSingleton<OrderPlacedHandler>();
        builder.Services.AddHostedService<OrdersConsumer>();
    }
}
