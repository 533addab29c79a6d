using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace AccountingRecovery;

/// <summary>Every acknowledged order in the ledger exactly once: count, sum of totals and ids, after the ledger caught up.</summary>
internal static class ExactlyOnceCheck
{
    public static async Task<string> RunAsync(string connectionString, ConcurrentDictionary<string, decimal> acknowledged, TimeSpan timeout)
    {
        var ids = acknowledged.Keys.ToArray();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + timeout;
        long count;
        decimal sum;
        do
        {
            await using var command = new NpgsqlCommand("SELECT count(*), coalesce(sum(total), 0) FROM orders WHERE user_id = 'bench-ledger'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (count, sum) = (reader.GetInt64(0), reader.GetDecimal(1));
        }
        while (count < ids.Length && DateTime.UtcNow < deadline && await Delay());
        await using var present = new NpgsqlCommand("SELECT count(*) FROM orders WHERE order_id = ANY($1)", connection) { Parameters = { new() { Value = ids } } };
        var found = (long)(await present.ExecuteScalarAsync())!;
        var expected = acknowledged.Values.Sum();
        var ok = count == ids.Length && found == ids.Length && sum == expected;
        return string.Create(CultureInfo.InvariantCulture,
            $"  exactly once: {(ok ? "yes" : "NO")} — acknowledged {ids.Length} (sum {expected}), in the ledger {count} (sum {sum}), acknowledged ids present {found}");
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }
}
