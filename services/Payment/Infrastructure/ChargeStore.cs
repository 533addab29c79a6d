using Microsoft.Extensions.Options;

namespace Platform.Payment.Infrastructure;

/// <summary>A charge as the store keeps it (no card number, last four digits only).</summary>
public sealed record StoredCharge(string TransactionId, decimal Amount, string Currency, string CardType, string LastFour, DateTimeOffset ChargedAt, DateTimeOffset? VoidedAt = null);

public enum VoidOutcome
{
    Voided,
    NotFound,
    AlreadyVoided,
}

/// <summary>
/// Payment is simulated: charges live in memory only, bounded to <see cref="PaymentOptions.MaxStoredCharges"/>
/// (oldest dropped first) and forgotten <see cref="PaymentOptions.ChargeRetention"/> after they were made
/// (a forgotten charge can no longer be voided). Lost on restart; one store per replica.
/// </summary>
public sealed class ChargeStore(IOptions<PaymentOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, StoredCharge> _charges = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<StoredCharge> _order = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Evict(time.GetUtcNow());
                return _charges.Count;
            }
        }
    }

    public void Add(StoredCharge charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        lock (_gate)
        {
            Evict(time.GetUtcNow());
            while (_charges.Count >= options.Value.MaxStoredCharges && _order.TryDequeue(out var oldest))
            {
                _charges.Remove(oldest.TransactionId);
            }

            _charges[charge.TransactionId] = charge;
            _order.Enqueue(charge);
        }
    }

    public VoidOutcome TryVoid(string transactionId)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Evict(now);
            if (!_charges.TryGetValue(transactionId, out var charge)) return VoidOutcome.NotFound;
            if (charge.VoidedAt is not null) return VoidOutcome.AlreadyVoided;
            _charges[transactionId] = charge with { VoidedAt = now };
            return VoidOutcome.Voided;
        }
    }

    // Every charge has the same retention, so the queue is in expiry order.
    private void Evict(DateTimeOffset now)
    {
        var cutoff = now - options.Value.ChargeRetention;
        while (_order.TryPeek(out var oldest) && oldest.ChargedAt <= cutoff)
        {
            _order.Dequeue();
            _charges.Remove(oldest.TransactionId);
        }
    }
}
