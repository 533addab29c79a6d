namespace Platform.Shipping.Model;

/// <summary>A postal address; nullable members so validation can name what is missing.</summary>
public sealed record AddressInput(string? Street, string? City, string? State, string? Country, string? Zip);

/// <summary>Body of both <c>POST /api/shipping/quote</c> and <c>POST /api/shipping/ship</c>.</summary>
public sealed record ShippingRequest(int? ItemCount, AddressInput? Address);

/// <summary>A request that passed every rule.</summary>
public sealed record ValidShipment(int ItemCount, AddressInput Address, string Country);

/// <summary>Answer of a quote: what shipping costs.</summary>
public sealed record ShippingQuote(decimal Cost, string Currency);

/// <summary>Answer of a shipment: the carrier's tracking id and what it cost.</summary>
public sealed record Shipment(string TrackingId, decimal Cost, string Currency);
