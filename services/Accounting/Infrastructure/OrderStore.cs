using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Accounting.Model;
using Platform.Contracts;

namespace Platform.Accounting.Infrastructure;

/// <summary>Stores orders idempotently by order id.</summary>
public sealed class OrderStore(AccountingDbContext db, TimeProvider time)
{
    /// <summary>
    /// Stores the order with its items and shipment in one transaction. Returns false, storing
    /// nothing, when the order id is already stored (checked first, and enforced by the primary key:
    /// a concurrent duplicate's unique violation also counts as already stored).
    /// </summary>
    public Task<bool> TryStoreAsync(OrderPlaced order, CancellationToken cancellationToken) =>
        // The context retries transient failures (Aspire's default): a transaction we begin must run
        // inside the execution strategy, which replays the whole unit, check included.
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            (Store: this, Order: order),
            static (state, ct) => state.Store.StoreOnceAsync(state.Order, ct),
            cancellationToken);

    /// <summary>The stored order with its items and shipment, or null.</summary>
    public Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().Include(o => o.Items).Include(o => o.Shipping)
            .SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);

    private async Task<bool> StoreOnceAsync(OrderPlaced order, CancellationToken cancellationToken)
    {
        // A replayed attempt starts from a clean slate.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Orders.AnyAsync(o => o.OrderId == order.OrderId, cancellationToken))
        {
            return false;
        }
        db.Orders.Add(order.ToEntity(time.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
