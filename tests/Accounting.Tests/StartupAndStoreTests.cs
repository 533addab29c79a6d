using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Accounting.Infrastructure;
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

    [Fact]
    public async Task Service_context_retries_transient_failures_and_its_store_runs_inside_that_strategy()
    {
        var order = Orders.New(items: 1);
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<OrderStore>();

        var strategy = scope.ServiceProvider.GetRequiredService<AccountingDbContext>().Database.CreateExecutionStrategy();
        var stored = await store.TryStoreAsync(order, default);

        Assert.True(strategy.RetriesOnFailure);
        Assert.True(stored);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", order.OrderId));
    }

    [Fact]
    public async Task Concurrent_duplicates_store_the_order_once()
    {
        var order = Orders.New(items: 2);
        var options = new DbContextOptionsBuilder<AccountingDbContext>().UseNpgsql(app.DatabaseConnectionString).Options;
        await using var db1 = new AccountingDbContext(options);
        await using var db2 = new AccountingDbContext(options);
        var store1 = new OrderStore(db1, TimeProvider.System);
        var store2 = new OrderStore(db2, TimeProvider.System);

        var results = await Task.WhenAll(store1.TryStoreAsync(order, default), store2.TryStoreAsync(order, default));

        Assert.Single(results, stored => stored);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", order.OrderId));
        Assert.Equal(2, await app.CountAsync("SELECT count(*) FROM order_items WHERE order_id = $1", order.OrderId));
    }
}
