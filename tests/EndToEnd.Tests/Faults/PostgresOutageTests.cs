using EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace EndToEnd.Tests.Faults;

/// <summary>
/// PostgreSQL stops for 10 s under load: Accounting retries its batch with backoff (and says so on
/// <c>/health</c>), commits no offset for what it did not store, and catches up when the server is back.
/// </summary>
[Collection(WholeSystem.Name)]
public sealed class PostgresOutageTests(PlatformFixture platform, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_confirmed_order_is_stored_exactly_once_after_postgres_stops_for_10_seconds()
    {
        await using var load = OrderLoad.Start(() => platform.App.CreateHttpClient(ResourceNames.Frontend), users: 6);
        await load.WaitForConfirmedAsync(20, TimeSpan.FromSeconds(60));

        await platform.App.StopResourceAsync(ResourceNames.Postgres);
        var confirmedAtStop = load.Confirmed.Count;
        await Task.Delay(Outage);
        // The shop kept selling (PostgreSQL is Accounting's alone) and Accounting reports it cannot write.
        Assert.True(load.Confirmed.Count > confirmedAtStop, "no order was confirmed while PostgreSQL was down");
        using var accounting = platform.App.CreateHttpClient(ResourceNames.Accounting);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await accounting.GetAsync("/health")).StatusCode);
        await platform.App.StartResourceAsync(ResourceNames.Postgres);
        await load.WaitForConfirmedAsync(load.Confirmed.Count + 20, TimeSpan.FromSeconds(60));
        await load.StopAsync();

        var caughtUp = await LedgerAssertions.AssertEveryConfirmedOrderStoredOnceAsync(platform.Orders, platform.OrdersTopic, load, CatchUp);
        output.WriteLine($"{load.Confirmed.Count} confirmed, {load.Unanswered} unanswered, {load.Failures} failed; ledger caught up {caughtUp.TotalSeconds:F1} s after the load stopped");
    }
}
