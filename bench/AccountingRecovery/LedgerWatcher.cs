using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace AccountingRecovery;

/// <summary>
/// Polls the ledger every few milliseconds for the confirmed orders not seen yet and keeps when each
/// row was first visible to another connection, i.e. committed. Its error is one poll interval plus a query.
/// </summary>
internal sealed class LedgerWatcher(string connectionString, ConcurrentDictionary<string, long> pending)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Order id → first time (<see cref="Stopwatch.GetTimestamp"/>) its row was seen.</summary>
    public ConcurrentDictionary<string, long> Seen { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var ids = pending.Keys.ToArray();
            if (ids.Length > 0)
            {
                await using var command = new NpgsqlCommand("SELECT order_id FROM orders WHERE order_id = ANY($1)", connection) { Parameters = { new() { Value = ids } } };
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var now = Stopwatch.GetTimestamp();
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(0);
                    Seen.TryAdd(id, now);
                    pending.TryRemove(id, out _);
                }
            }
            try
            {
                await Task.Delay(Interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The first time a row of an order confirmed after <paramref name="since"/> was seen, or null.</summary>
    public long? FirstSeenAfter(long since)
    {
        var after = Seen.Values.Where(t => t > since).ToList();
        return after.Count > 0 ? after.Min() : null;
    }
}
