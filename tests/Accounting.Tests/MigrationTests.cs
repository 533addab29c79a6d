using Microsoft.EntityFrameworkCore;
using Platform.Accounting.Infrastructure;

namespace Platform.Accounting.Tests;

public class MigrationTests
{
    [Fact]
    public void Hand_written_snapshot_matches_the_model()
    {
        using var db = new AccountingDbContext(new DbContextOptionsBuilder<AccountingDbContext>()
            .UseNpgsql("Host=127.0.0.1;Port=1;Database=none").Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(["20261122040000_Initial"], db.Database.GetMigrations());
    }
}
