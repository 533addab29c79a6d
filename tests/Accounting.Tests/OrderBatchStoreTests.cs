using Microsoft.EntityFrameworkCore;
using Platform.Accounting.Infrastructure;
using Platform.Accounting.Tests.Infrastructure;
using Platform.Contracts;

namespace Platform.Accounting.Tests;

/// <summary>The batch insert against the real PostgreSQL schema (migrated by the service at start).</summary>
public sealed class OrderBatchStoreTests(AccountingApp app) : IClassFixture<AccountingApp>
{
    [Fact]
    public async Task A_batch_stores_every_order_with_its_items_in_their_order_and_its_shipment()
    {
        var orders = Enumerable.Range(1, 50).Select(i => Orders.New(items: 1 + i % 4)).ToList();

        var stored = await StoreAsync(orders);

        Assert.Equal(orders.Select(o => o.OrderId).Order(), stored.Order());
        foreach (var order in orders.Take(5))
        {
            var row = await app.WaitForOrderAsync(order.OrderId);
            Assert.Equal(order.Items, row.Items);
            Assert.Equal(order.Shipping, row.Shipping);
            Assert.Equal(order.Total, row.Total);
            Assert.Equal(order.PlacedAt, row.PlacedAt);
        }
    }

    [Fact]
    public async Task Duplicates_within_one_batch_store_the_order_once()
    {
        var order = Orders.New(items: 3);
        var other = Orders.New(items: 1);

        var stored = await StoreAsync([order, other, order, order]);

        Assert.Equal(new[] { order.OrderId, other.OrderId }.Order(), stored.Order());
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", order.OrderId));
        Assert.Equal(3, await app.CountAsync("SELECT count(*) FROM order_items WHERE order_id = $1", order.OrderId));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM shipments WHERE order_id = $1", order.OrderId));
    }

    [Fact]
    public async Task A_later_batch_with_stored_orders_stores_only_the_new_ones()
    {
        var first = Orders.New(items: 2);
        var second = Orders.New(items: 2);
        await StoreAsync([first]);

        var stored = await StoreAsync([first, second]);

        Assert.Equal([second.OrderId], stored);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", first.OrderId));
        Assert.Equal(2, await app.CountAsync("SELECT count(*) FROM order_items WHERE order_id = $1", first.OrderId));
        Assert.Equal(2, await app.CountAsync("SELECT count(*) FROM order_items WHERE order_id = $1", second.OrderId));
    }

    [Fact]
    public async Task Concurrent_batches_with_the_same_orders_store_each_once()
    {
        // Opposite orders of the same ids are the classic lock-order deadlock; several rounds make it show
        // if the store ever stops taking its locks in one order.
        for (var round = 0; round < 5; round++)
        {
            var orders = Enumerable.Range(0, 1000).Select(_ => Orders.New(items: 2)).ToList();

            var results = await Task.WhenAll(
                Task.Run(() => StoreAsync(orders)), Task.Run(() => StoreAsync([.. Enumerable.Reverse(orders)])));

            // Every order was stored by exactly one of the two writers.
            Assert.Equal(orders.Select(o => o.OrderId).Order(), results.SelectMany(r => r).Order());
            var ids = orders.Select(o => o.OrderId).ToArray();
            Assert.Equal(2 * ids.Length, await app.CountAsync("SELECT count(*) FROM order_items WHERE order_id = ANY($1)", ids));
        }
    }

    [Fact]
    public async Task A_failing_batch_stores_nothing_of_it()
    {
        var good = Orders.New(items: 1);
        // Longer than the column takes: PostgreSQL refuses the statement, so the good order must not stay either.
        var bad = Orders.New(items: 1) with { OrderId = new string('x', 65) };

        await Assert.ThrowsAnyAsync<Exception>(() => StoreAsync([good, bad]));

        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", good.OrderId));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM order_items WHERE order_id = $1", good.OrderId));
    }

    private async Task<IReadOnlySet<string>> StoreAsync(IReadOnlyList<OrderPlaced> orders)
    {
        var options = new DbContextOptionsBuilder<AccountingDbContext>().UseNpgsql(app.DatabaseConnectionString).Options;
        await using var db = new AccountingDbContext(options);
        return await new OrderBatchStore(db, TimeProvider.System).StoreAsync(orders, default);
    }
}
