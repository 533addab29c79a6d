using Microsoft.EntityFrameworkCore;
using Platform.Accounting.Model;

namespace Platform.Accounting.Infrastructure;

/// <summary>Reads stored orders (writes go through <see cref="OrderBatchStore"/>).</summary>
public sealed class OrderStore(AccountingDbContext db)
{
    /// <summary>The stored order with its items and shipment, or null.</summary>
    public Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().Include(o => o.Items).Include(o => o.Shipping)
            .SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);
}
