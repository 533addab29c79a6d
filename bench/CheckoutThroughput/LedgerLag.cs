using System.Diagnostics;
using Npgsql;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// Order-to-ledger lag: from the moment the shopper saw the confirmation to the commit of the order's
/// row in Accounting's database, read after the phase from PostgreSQL's own commit timestamp
/// (<c>pg_xact_commit_timestamp(xmin)</c>; same machine, same clock). Nothing polls during the load.
/// A row committed before the confirmation reached the shopper counts as 0.
/// </summary>
public static class LedgerLag
{
    public static async Task<LagResult> MeasureAsync(string connectionString, IReadOnlyList<ConfirmedOrder> orders, TimeSpan catchUpLimit, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.OrderId).ToArray();
        await using var connection = new NpgsqlConnection(connectionString + ";Timeout=5;Command Timeout=30");
        await connection.OpenAsync(cancellationToken);

        // Wait (after the load stopped) until Accounting has stored every confirmed order, or give up.
        var waited = Stopwatch.StartNew();
        long stored;
        while ((stored = await CountStoredAsync(connection, ids, cancellationToken)) < ids.Length && waited.Elapsed < catchUpLimit)
        {
            await Task.Delay(200, cancellationToken);
        }

        var committed = new Dictionary<string, DateTime>(ids.Length);
        await using (var query = new NpgsqlCommand("SELECT order_id, pg_xact_commit_timestamp(xmin) FROM orders WHERE order_id = ANY($1)", connection))
        {
            query.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                committed[reader.GetString(0)] = reader.GetFieldValue<DateTime>(1);
            }
        }

        var lags = orders.Where(o => committed.ContainsKey(o.OrderId))
            .Select(o => Math.Max(0, (committed[o.OrderId] - o.ConfirmedAt).TotalMilliseconds))
            .Order()
            .ToList();
        return new LagResult(lags, ids.Length - (int)stored, waited.Elapsed);
    }

    private static async Task<long> CountStoredAsync(NpgsqlConnection connection, string[] ids, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orders WHERE order_id = ANY($1)", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = ids });
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>Lags in ms (sorted), orders not stored in time, and how long the ledger took to catch up after the load.</summary>
public sealed record LagResult(IReadOnlyList<double> LagsMs, int Missing, TimeSpan CatchUp);
