using Microsoft.Extensions.Options;
using Platform.Payment.Infrastructure;
using Platform.Payment.Tests.Infrastructure;

namespace Platform.Payment.Tests;

public sealed class ChargeStoreTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero));

    private ChargeStore Store(int capacity = 10_000) =>
        new(Options.Create(new PaymentOptions { MaxStoredCharges = capacity, ChargeRetention = TimeSpan.FromHours(1) }), _time);

    private StoredCharge Charge(string id) => new(id, 10m, "USD", "visa", "1111", _time.GetUtcNow());

    [Fact]
    public void A_charge_is_voided_once()
    {
        var store = Store();
        store.Add(Charge("t1"));

        Assert.Equal(VoidOutcome.Voided, store.TryVoid("t1"));
        Assert.Equal(VoidOutcome.AlreadyVoided, store.TryVoid("t1"));
    }

    [Fact]
    public void An_unknown_charge_is_not_found() => Assert.Equal(VoidOutcome.NotFound, Store().TryVoid("nope"));

    [Fact]
    public void A_charge_can_be_voided_until_an_hour_has_passed()
    {
        var store = Store();
        store.Add(Charge("t1"));

        _time.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal(VoidOutcome.Voided, store.TryVoid("t1"));
    }

    [Fact]
    public void A_charge_older_than_an_hour_is_forgotten()
    {
        var store = Store();
        store.Add(Charge("old"));
        _time.Advance(TimeSpan.FromMinutes(30));
        store.Add(Charge("young"));

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(VoidOutcome.NotFound, store.TryVoid("old"));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void The_oldest_charges_are_dropped_beyond_capacity()
    {
        var store = Store(capacity: 3);

        foreach (var id in new[] { "t1", "t2", "t3", "t4", "t5" }) store.Add(Charge(id));

        Assert.Equal(3, store.Count);
        Assert.Equal(VoidOutcome.NotFound, store.TryVoid("t1"));
        Assert.Equal(VoidOutcome.NotFound, store.TryVoid("t2"));
        Assert.Equal(VoidOutcome.Voided, store.TryVoid("t3"));
    }
}
