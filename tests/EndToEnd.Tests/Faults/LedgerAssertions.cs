using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Faults;

/// <summary>What a fault must never break: every order the shop confirmed is in the ledger exactly once.</summary>
public static class LedgerAssertions
{
    /// <summary>
    /// Waits until the ledger holds as many orders of the load's users as the load saw confirmed, then
    /// checks count, sum of totals, and that it is exactly the confirmed ids. Returns how long the wait took.
    /// </summary>
    public static async Task<TimeSpan> AssertEveryConfirmedOrderStoredOnceAsync(OrdersDatabase ledger, OrderLoad load, TimeSpan timeout)
    {
        var confirmed = load.Confirmed.ToDictionary();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (count, sum) = await ledger.LedgerOfUsersAsync(load.UserPrefix);
        while (count < confirmed.Count && clock.Elapsed < timeout)
        {
            await Task.Delay(250);
            (count, sum) = await ledger.LedgerOfUsersAsync(load.UserPrefix);
        }
        var waited = clock.Elapsed;

        Assert.True(confirmed.Count > 0, "the load confirmed no order");
        Assert.Equal(confirmed.Count, count);
        Assert.Equal(confirmed.Values.Sum(), sum);
        // Same number and sum could still hide a swap: every confirmed id is there (order_id is the key, so once).
        Assert.Equal(confirmed.Count, await ledger.CountStoredAsync(confirmed.Keys));
        return waited;
    }
}
