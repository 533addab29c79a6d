namespace Platform.Accounting.Model;

/// <summary>A stored order (table <c>orders</c>), one row per order id whatever the number of events received.</summary>
public sealed class Order
{
    public required string OrderId { get; set; }
    public required string UserId { get; set; }
    public required string Email { get; set; }
    public decimal Total { get; set; }
    public required string Currency { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public DateTimeOffset StoredAt { get; set; }
    public List<OrderLine> Items { get; set; } = [];
    public Shipment? Shipping { get; set; }
}

/// <summary>One line of an order (table <c>order_items</c>).</summary>
public sealed class OrderLine
{
    public long Id { get; set; }
    public required string OrderId { get; set; }
    public required string ProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}

/// <summary>How an order ships (table <c>shipments</c>, one per order).</summary>
public sealed class Shipment
{
    public required string OrderId { get; set; }
    public required string TrackingId { get; set; }
    public decimal Cost { get; set; }
    public required string Street { get; set; }
    public required string City { get; set; }
    public required string State { get; set; }
    public required string Country { get; set; }
    public required string Zip { get; set; }
}
