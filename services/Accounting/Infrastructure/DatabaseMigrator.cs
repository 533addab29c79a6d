using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Platform.Accounting.Infrastructure;

/// <summary>Applies the EF Core migrations at start, retrying while PostgreSQL is not reachable yet.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<AccountingOptions> options, TimeProvider time, ILogger<DatabaseMigrator> logger)
{
    private volatile bool _migrated;

    /// <summary>True once the schema is up to date.</summary>
    public bool IsMigrated => _migrated;

    /// <summary>Migrates; on failure waits <see cref="AccountingOptions.MigrationRetryDelay"/> and tries again until cancelled.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AccountingDbContext>();
                // On an empty database Npgsql's history repository reads "__EFMigrationsHistory" before it exists and
                // takes the failure for "nothing applied yet", but EF logs that failed command as an error
                // (npgsql/efcore.pg#3407): a red line at the very first start. The (empty) table created first, as EF
                // itself would create it, leaves nothing to fail.
                await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                _migrated = true;
                Log.DatabaseMigrated(logger, attempt);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.MigrationFailed(logger, attempt, (long)options.Value.MigrationRetryDelay.TotalMilliseconds, ex);
                await Task.Delay(options.Value.MigrationRetryDelay, time, cancellationToken);
            }
        }
    }
}

/// <summary>Unhealthy until the migrations are applied (orders are not consumed before that).</summary>
public sealed class MigrationHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(migrator.IsMigrated
            ? HealthCheckResult.Healthy("Schema up to date.")
            : new HealthCheckResult(context.Registration.FailureStatus, "Migrations not applied yet."));
}
