namespace Platform.Contracts;

/// <summary>
/// Published by Checkout on topic <see cref="Topics.Orders"/> (key = <see cref="OrderId"/>) once an
/// order is paid. Consumers must be idempotent by <see cref="OrderId"/>: the same event can arrive
/// more than once (producer retries, the <c>kafkaQueueProblems</c> flag).
/// </summary>
/// <param name="OrderId">The order id (a GUID string), also the message key.</param>
/// <param name="UserId">The shopper whose cart was checked out.</param>
/// <param name="Email">Where the confirmation goes.</param>
/// <param name="Items">The ordered lines with the unit price charged.</param>
/// <param name="Shipping">Where and how the order ships.</param>
/// <param name="Total">Sum of the lines plus the shipping cost, in <see cref="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code of every amount in the event, e.g. <c>USD</c>.</param>
/// <param name="PlacedAt">When Checkout confirmed the charge (UTC).</param>
public sealed record OrderPlaced(string OrderId, string UserId, string Email, IReadOnlyList<OrderItem> Items, ShippingInfo Shipping, decimal Total, string Currency, DateTimeOffset PlacedAt);

/// <summary>One line of an order.</summary>
/// <param name="ProductId">The catalogue product id.</param>
/// <param name="Quantity">How many units (at least 1).</param>
/// <param name="UnitPrice">Price of one unit, in the event's currency.</param>
public sealed record OrderItem(string ProductId, int Quantity, decimal UnitPrice);

/// <summary>How the order ships.</summary>
/// <param name="Address">The destination.</param>
/// <param name="TrackingId">The carrier's tracking id.</param>
/// <param name="Cost">The shipping cost, in the event's currency.</param>
public sealed record ShippingInfo(ShippingAddress Address, string TrackingId, decimal Cost);

/// <summary>A postal address.</summary>
public sealed record ShippingAddress(string Street, string City, string State, string Country, string Zip);
