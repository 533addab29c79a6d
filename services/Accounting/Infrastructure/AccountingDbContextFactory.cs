using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Accounting.Infrastructure;

/// <summary>
/// How <c>dotnet ef</c> builds the context at design time, without starting the service (no Kafka,
/// no configuration). Adding a migration needs no database; <c>dotnet ef database update</c> and
/// <c>dotnet ef migrations script --idempotent</c> against a real server take its connection string after
/// <c>--</c>: <c>dotnet ef database update -- --connection "Host=...;Database=accountingdb;Username=..."</c>.
/// </summary>
public sealed class AccountingDbContextFactory : IDesignTimeDbContextFactory<AccountingDbContext>
{
    /// <summary>Used when no <c>--connection</c> is given: a local server, no password (none belongs in git).</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Database=accountingdb;Username=postgres";

    public AccountingDbContext CreateDbContext(string[] args)
    {
        var at = Array.IndexOf(args, "--connection");
        var connectionString = at >= 0 && at + 1 < args.Length ? args[at + 1] : DefaultConnectionString;
        return new AccountingDbContext(new DbContextOptionsBuilder<AccountingDbContext>().UseNpgsql(connectionString).Options);
    }
}
