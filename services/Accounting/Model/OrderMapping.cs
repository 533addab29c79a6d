using Platform.Contracts;

namespace Platform.Accounting.Model;

/// <summary>Maps between the integration event and the stored rows.</summary>
public static class OrderMapping
{
    /// <summary>The longest order id the table takes (a GUID string is 36).</summary>
    public const int MaxIdLength = 64;

    public static Order ToEntity(this OrderPlaced e, DateTimeOffset storedAt) => new()
    {
        OrderId = e.OrderId,
        UserId = e.UserId,
        Email = e.Email,
        Total = e.Total,
        Currency = e.Currency,
        PlacedAt = e.PlacedAt.ToUniversalTime(),
        StoredAt = storedAt.ToUniversalTime(),
        Items = [.. e.Items.Select(i => new OrderLine { OrderId = e.OrderId, ProductId = i.ProductId, Quantity = i.Quantity, UnitPrice = i.UnitPrice })],
        Shipping = new Shipment
        {
            OrderId = e.OrderId,
            TrackingId = e.Shipping.TrackingId,
            Cost = e.Shipping.Cost,
            Street = e.Shipping.Address.Street,
            City = e.Shipping.Address.City,
            State = e.Shipping.Address.State,
            Country = e.Shipping.Address.Country,
            Zip = e.Shipping.Address.Zip,
        },
    };

    public static OrderPlaced ToEvent(this Order o) => new(
        o.OrderId, o.UserId, o.Email,
        [.. o.Items.OrderBy(i => i.Id).Select(i => new OrderItem(i.ProductId, i.Quantity, i.UnitPrice))],
        o.Shipping is { } s ? new ShippingInfo(new ShippingAddress(s.Street, s.City, s.State, s.Country, s.Zip), s.TrackingId, s.Cost)
            : new ShippingInfo(new ShippingAddress("", "", "", "", ""), "", 0m),
        o.Total, o.Currency, o.PlacedAt);

    /// <summary>Why an event cannot be stored (a poison message), or null when it can.</summary>
    public static string? Problem(OrderPlaced e) =>
        e.OrderId.Length > MaxIdLength ? $"orderId is longer than {MaxIdLength} characters"
        : e.Items.Count == 0 ? "the order has no items"
        : e.Items.Any(i => i is null || i.Quantity <= 0 || string.IsNullOrWhiteSpace(i.ProductId)) ? "an item has no product id or a quantity below 1"
        : null;
}
