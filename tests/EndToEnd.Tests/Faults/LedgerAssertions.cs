using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Faults;

/// <summary>What a fault must never break: every order the shop confirmed is in the ledger exactly once.</summary>
public static class LedgerAssertions
{
    /// <summary>
    /// Waits until the ledger holds as many orders of the load's users as the <c>orders</c> topic carries, then
    /// checks: every order the load saw confirmed is stored, with the same count and sum of totals; the
    /// ledger is exactly the topic's orders (nothing lost, nothing extra; <c>order_id</c> is the key, so
    /// nothing twice). A checkout whose answer the load never got (a timeout on a loaded runner) may have been
    /// confirmed all the same: such an order is on the topic and in the ledger, and the count and sum are then
    /// compared with the confirmed orders plus those, never with fewer. Returns how long the ledger took to catch up.
    /// </summary>
    public static async Task<TimeSpan> AssertEveryConfirmedOrderStoredOnceAsync(OrdersDatabase ledger, OrdersTopic topic, OrderLoad load, TimeSpan timeout)
    {
        var confirmed = load.Confirmed.ToDictionary();
        var published = topic.OrdersOfUsers(load.UserPrefix);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (count, sum) = await ledger.LedgerOfUsersAsync(load.UserPrefix);
        while (count < published.Count && clock.Elapsed < timeout)
        {
            await Task.Delay(250);
            (count, sum) = await ledger.LedgerOfUsersAsync(load.UserPrefix);
        }
        var waited = clock.Elapsed;

        Assert.True(confirmed.Count > 0, "the load confirmed no order");
        // The shop confirms only what Kafka acknowledged.
        Assert.Empty(confirmed.Keys.Except(published.Keys));
        var unanswered = published.Keys.Except(confirmed.Keys).ToList();
        Assert.True(unanswered.Count <= load.Unanswered,
            $"{unanswered.Count} order(s) on the topic that the load neither saw confirmed nor lost an answer for ({load.Unanswered} unanswered)");
        var expected = confirmed.Concat(unanswered.Select(id => KeyValuePair.Create(id, published[id]))).ToList();
        Assert.Equal(expected.Count, count);
        Assert.Equal(expected.Sum(o => o.Value), sum);
        Assert.Equal(confirmed.Count, await ledger.CountStoredAsync(confirmed.Keys));
        return waited;
    }
}
