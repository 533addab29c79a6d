using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Accounting.Infrastructure;

namespace Platform.Accounting.Tests;

/// <summary>The migrations <c>dotnet ef</c> generated agree with the model: a model change without a migration fails here.</summary>
public class MigrationTests
{
    [Fact]
    public void Migrations_agree_with_the_model()
    {
        using var db = new AccountingDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run `dotnet ef migrations add <Name>` (services/Accounting/README.md).");
        // The first migration keeps the id the databases migrated so far recorded in __EFMigrationsHistory.
        Assert.Equal("20261122040000_Initial", db.Database.GetMigrations().First());
    }

    [Fact]
    public void Design_time_factory_takes_the_connection_given_after_the_double_dash()
    {
        using var given = new AccountingDbContextFactory().CreateDbContext(["--connection", "Host=db.example;Database=accountingdb;Username=ops"]);
        using var fallback = new AccountingDbContextFactory().CreateDbContext([]);

        Assert.Equal("db.example", new NpgsqlConnectionStringBuilder(given.Database.GetConnectionString()).Host);
        Assert.Null(new NpgsqlConnectionStringBuilder(fallback.Database.GetConnectionString()).Password);
    }
}
