using Microsoft.EntityFrameworkCore;
using Platform.Accounting.Model;

namespace Platform.Accounting.Infrastructure;

/// <summary>
/// Orders, their items and shipments in PostgreSQL. Migrations in <c>Infrastructure/Migrations</c> are
/// generated with <c>dotnet ef migrations add</c> (README); a test fails when this model has changes no migration holds.
/// </summary>
public sealed class AccountingDbContext(DbContextOptions<AccountingDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderItems => Set<OrderLine>();

    public DbSet<Shipment> Shipments => Set<Shipment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseIdentityByDefaultColumns();

        modelBuilder.Entity<Order>(b =>
        {
            b.ToTable("orders");
            b.HasKey(o => o.OrderId);
            b.Property(o => o.OrderId).HasColumnName("order_id").HasMaxLength(OrderMapping.MaxIdLength);
            b.Property(o => o.UserId).HasColumnName("user_id");
            b.Property(o => o.Email).HasColumnName("email");
            b.Property(o => o.Total).HasColumnName("total").HasPrecision(18, 2);
            b.Property(o => o.Currency).HasColumnName("currency");
            b.Property(o => o.PlacedAt).HasColumnName("placed_at");
            b.Property(o => o.StoredAt).HasColumnName("stored_at");
            b.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne(o => o.Shipping).WithOne().HasForeignKey<Shipment>(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OrderLine>(b =>
        {
            b.ToTable("order_items");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).HasColumnName("id");
            b.Property(i => i.OrderId).HasColumnName("order_id").HasMaxLength(OrderMapping.MaxIdLength);
            b.Property(i => i.ProductId).HasColumnName("product_id");
            b.Property(i => i.Quantity).HasColumnName("quantity");
            b.Property(i => i.UnitPrice).HasColumnName("unit_price").HasPrecision(18, 2);
            b.HasIndex(i => i.OrderId).HasDatabaseName("ix_order_items_order_id");
        });

        modelBuilder.Entity<Shipment>(b =>
        {
            b.ToTable("shipments");
            b.HasKey(s => s.OrderId);
            b.Property(s => s.OrderId).HasColumnName("order_id").HasMaxLength(OrderMapping.MaxIdLength);
            b.Property(s => s.TrackingId).HasColumnName("tracking_id");
            b.Property(s => s.Cost).HasColumnName("cost").HasPrecision(18, 2);
            b.Property(s => s.Street).HasColumnName("street");
            b.Property(s => s.City).HasColumnName("city");
            b.Property(s => s.State).HasColumnName("state");
            b.Property(s => s.Country).HasColumnName("country");
            b.Property(s => s.Zip).HasColumnName("zip");
        });
    }
}
