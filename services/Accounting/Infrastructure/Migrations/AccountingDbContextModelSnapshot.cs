using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Accounting.Infrastructure.Migrations;

/// <summary>The model as of the last migration (written by hand; a test checks it matches <see cref="AccountingDbContext"/>).</summary>
[DbContext(typeof(AccountingDbContext))]
partial class AccountingDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder
            .HasAnnotation("ProductVersion", "10.0.0")
            .HasAnnotation("Relational:MaxIdentifierLength", 63);

        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

        modelBuilder.Entity("Platform.Accounting.Model.Order", b =>
        {
            b.Property<string>("OrderId").HasMaxLength(64).HasColumnType("character varying(64)").HasColumnName("order_id");
            b.Property<string>("Currency").IsRequired().HasColumnType("text").HasColumnName("currency");
            b.Property<string>("Email").IsRequired().HasColumnType("text").HasColumnName("email");
            b.Property<DateTimeOffset>("PlacedAt").HasColumnType("timestamp with time zone").HasColumnName("placed_at");
            b.Property<DateTimeOffset>("StoredAt").HasColumnType("timestamp with time zone").HasColumnName("stored_at");
            b.Property<decimal>("Total").HasPrecision(18, 2).HasColumnType("numeric(18,2)").HasColumnName("total");
            b.Property<string>("UserId").IsRequired().HasColumnType("text").HasColumnName("user_id");
            b.HasKey("OrderId");
            b.ToTable("orders", (string)null);
        });

        modelBuilder.Entity("Platform.Accounting.Model.OrderLine", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<string>("OrderId").IsRequired().HasMaxLength(64).HasColumnType("character varying(64)").HasColumnName("order_id");
            b.Property<string>("ProductId").IsRequired().HasColumnType("text").HasColumnName("product_id");
            b.Property<int>("Quantity").HasColumnType("integer").HasColumnName("quantity");
            b.Property<decimal>("UnitPrice").HasPrecision(18, 2).HasColumnType("numeric(18,2)").HasColumnName("unit_price");
            b.HasKey("Id");
            b.HasIndex("OrderId").HasDatabaseName("ix_order_items_order_id");
            b.ToTable("order_items", (string)null);
        });

        modelBuilder.Entity("Platform.Accounting.Model.Shipment", b =>
        {
            b.Property<string>("OrderId").HasMaxLength(64).HasColumnType("character varying(64)").HasColumnName("order_id");
            b.Property<string>("City").IsRequired().HasColumnType("text").HasColumnName("city");
            b.Property<decimal>("Cost").HasPrecision(18, 2).HasColumnType("numeric(18,2)").HasColumnName("cost");
            b.Property<string>("Country").IsRequired().HasColumnType("text").HasColumnName("country");
            b.Property<string>("State").IsRequired().HasColumnType("text").HasColumnName("state");
            b.Property<string>("Street").IsRequired().HasColumnType("text").HasColumnName("street");
            b.Property<string>("TrackingId").IsRequired().HasColumnType("text").HasColumnName("tracking_id");
            b.Property<string>("Zip").IsRequired().HasColumnType("text").HasColumnName("zip");
            b.HasKey("OrderId");
            b.ToTable("shipments", (string)null);
        });

        modelBuilder.Entity("Platform.Accounting.Model.OrderLine", b =>
        {
            b.HasOne("Platform.Accounting.Model.Order", null)
                .WithMany("Items")
                .HasForeignKey("OrderId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Platform.Accounting.Model.Shipment", b =>
        {
            b.HasOne("Platform.Accounting.Model.Order", null)
                .WithOne("Shipping")
                .HasForeignKey("Platform.Accounting.Model.Shipment", "OrderId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Platform.Accounting.Model.Order", b =>
        {
            b.Navigation("Items");
            b.Navigation("Shipping");
        });
    }
}
