using System.Net;
using Platform.Accounting.Tests.Infrastructure;

namespace Platform.Accounting.Tests;

public sealed class StartupAndStoreTests(AccountingApp app) : IClassFixture<AccountingApp>
{
    [Fact]
    public async Task Service_waits_for_its_database_then_migrates_and_becomes_healthy()
    {
        var database = "late_" + Guid.NewGuid().ToString("N")[..8];
        await using var late = app.CreateWithDatabase(database);
        using var client = late.CreateClient();

        var before = await client.GetAsync("/health");
        await app.CreateDatabaseAsync(database);
        var deadline = DateTime.UtcNow + AccountingApp.Wait;
        HttpStatusCode after;
        while ((after = (await client.GetAsync("/health")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after);
    }
}
