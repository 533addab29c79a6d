using Npgsql;

namespace EndToEnd.Tests.Support;

/// <summary>Reads what Accounting stored in PostgreSQL (tables orders, order_items, shipments).</summary>
public sealed class OrdersDatabase(string connectionString)
{
    public sealed record StoredOrder(string OrderId, string UserId, decimal Total, string Currency, IReadOnlyList<(string ProductId, int Quantity, decimal UnitPrice)> Items, string? TrackingId);

    /// <summary>Waits until Accounting stored the order (it consumes Kafka asynchronously).</summary>
    public async Task<StoredOrder?> WaitForOrderAsync(string orderId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var order = await FindOrderAsync(orderId);
            if (order is not null || DateTime.UtcNow > deadline)
            {
                return order;
            }

            await Task.Delay(250);
        }
    }

    public async Task<StoredOrder?> FindOrderAsync(string orderId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var order = new NpgsqlCommand("SELECT user_id, total, currency FROM orders WHERE order_id = $1", connection) { Parameters = { new() { Value = orderId } } };
        await using var reader = await order.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var (userId, total, currency) = (reader.GetString(0), reader.GetDecimal(1), reader.GetString(2));
        await reader.CloseAsync();
        var items = new List<(string, int, decimal)>();
        await using (var itemsCommand = new NpgsqlCommand("SELECT product_id, quantity, unit_price FROM order_items WHERE order_id = $1 ORDER BY product_id", connection) { Parameters = { new() { Value = orderId } } })
        await using (var itemsReader = await itemsCommand.ExecuteReaderAsync())
        {
            while (await itemsReader.ReadAsync())
            {
                items.Add((itemsReader.GetString(0), itemsReader.GetInt32(1), itemsReader.GetDecimal(2)));
            }
        }

        await using var shipment = new NpgsqlCommand("SELECT tracking_id FROM shipments WHERE order_id = $1", connection) { Parameters = { new() { Value = orderId } } };
        var trackingId = (string?)await shipment.ExecuteScalarAsync();
        return new StoredOrder(orderId, userId, total, currency, items, trackingId);
    }

    public async Task<long> CountAsync(string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task<long> CountOrdersOfUserAsync(string userId) => CountAsync("SELECT count(*) FROM orders WHERE user_id = $1", userId);

    public Task<long> CountOrderRowsAsync(string orderId) => CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", orderId);

    public Task<long> CountItemRowsAsync(string orderId) => CountAsync("SELECT count(*) FROM order_items WHERE order_id = $1", orderId);

    /// <summary>How many orders of users whose id starts with <paramref name="userPrefix"/> are stored, and the sum of their totals.</summary>
    public async Task<(long Count, decimal Sum)> LedgerOfUsersAsync(string userPrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), coalesce(sum(total), 0) FROM orders WHERE starts_with(user_id, $1)", connection)
        {
            Parameters = { new() { Value = userPrefix } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetDecimal(1));
    }

    /// <summary>How many of <paramref name="orderIds"/> have a row in <c>orders</c>.</summary>
    public async Task<long> CountStoredAsync(IEnumerable<string> orderIds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orders WHERE order_id = ANY($1)", connection)
        {
            Parameters = { new() { Value = orderIds.ToArray() } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
