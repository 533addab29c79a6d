using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;

namespace Platform.Accounting.Infrastructure;

/// <summary>
/// Stores a batch of orders with their items and shipments in one SQL statement (one round trip, one
/// implicit transaction): orders go in with <c>INSERT ... ON CONFLICT (order_id) DO NOTHING</c>, and items
/// and shipments only for the orders that statement inserted. So it is idempotent by order id, against
/// earlier batches and concurrent writers alike; duplicates inside the batch are dropped first (the first
/// copy wins). When it returns, the rows are committed and durable (<c>synchronous_commit</c> on).
/// </summary>
public sealed class OrderBatchStore(AccountingDbContext db, TimeProvider time)
{
    // unnest over column arrays: one statement whatever the batch size, no per-row parameters.
    // Foreign keys are checked at the end of the whole statement, when the new orders exist.
    private const string Sql = """
        WITH new_orders AS (
            INSERT INTO orders (order_id, user_id, email, total, currency, placed_at, stored_at)
            SELECT o.order_id, o.user_id, o.email, o.total, o.currency, o.placed_at, $7
            FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::timestamptz[]) WITH ORDINALITY
                AS o(order_id, user_id, email, total, currency, placed_at, n)
            ORDER BY o.n
            ON CONFLICT (order_id) DO NOTHING
            RETURNING order_id
        ), new_items AS (
            INSERT INTO order_items (order_id, product_id, quantity, unit_price)
            SELECT i.order_id, i.product_id, i.quantity, i.unit_price
            FROM unnest($8::text[], $9::text[], $10::integer[], $11::numeric[]) WITH ORDINALITY
                AS i(order_id, product_id, quantity, unit_price, n)
            JOIN new_orders ON new_orders.order_id = i.order_id
            ORDER BY i.n
            RETURNING 1
        ), new_shipments AS (
            INSERT INTO shipments (order_id, tracking_id, cost, street, city, state, country, zip)
            SELECT s.order_id, s.tracking_id, s.cost, s.street, s.city, s.state, s.country, s.zip
            FROM unnest($12::text[], $13::text[], $14::numeric[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])
                AS s(order_id, tracking_id, cost, street, city, state, country, zip)
            JOIN new_orders ON new_orders.order_id = s.order_id
            RETURNING 1
        )
        SELECT order_id FROM new_orders
        """;

    /// <summary>Stores the orders not stored yet; returns the ids this call stored (the others were duplicates).</summary>
    public async Task<IReadOnlySet<string>> StoreAsync(IReadOnlyList<OrderPlaced> orders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        // Sorted by id, so concurrent writers of overlapping batches take the row locks in the same order
        // and wait for each other instead of deadlocking (40P01).
        var unique = orders.DistinctBy(o => o.OrderId, StringComparer.Ordinal)
            .OrderBy(o => o.OrderId, StringComparer.Ordinal)
            .ToList();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        if (unique.Count == 0)
        {
            return stored;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection);
            AddParameters(command, unique, time.GetUtcNow().UtcDateTime);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add(reader.GetString(0));
            }
            return stored;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static void AddParameters(NpgsqlCommand command, List<OrderPlaced> orders, DateTime storedAt)
    {
        var items = orders.SelectMany(o => o.Items.Select(i => (o.OrderId, Item: i))).ToList();
        var p = command.Parameters;
        p.Add(new() { Value = orders.Select(o => o.OrderId).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.UserId).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Email).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Total).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Currency).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.PlacedAt.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = storedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = items.Select(i => i.OrderId).ToArray() });
        p.Add(new() { Value = items.Select(i => i.Item.ProductId).ToArray() });
        p.Add(new() { Value = items.Select(i => i.Item.Quantity).ToArray() });
        p.Add(new() { Value = items.Select(i => i.Item.UnitPrice).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.OrderId).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Shipping.TrackingId).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Shipping.Cost).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Shipping.Address.Street).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Shipping.Address.City).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Shipping.Address.State).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Shipping.Address.Country).ToArray() });
        p.Add(new() { Value = orders.Select(o => o.Shipping.Address.Zip).ToArray() });
    }
}
