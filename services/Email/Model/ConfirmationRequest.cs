namespace Platform.Email.Model;

/// <summary>An amount of money, as everywhere in the Platform: <c>{ "currency": "USD", "amount": 12.34 }</c>.</summary>
public sealed record MoneyInput(string? Currency, decimal? Amount);

/// <summary>One ordered line; <see cref="Price"/> is the unit price.</summary>
public sealed record LineInput(string? ProductId, int? Quantity, MoneyInput? Price);

/// <summary>Where the order ships.</summary>
public sealed record AddressInput(string? Street, string? City, string? State, string? Country, string? Zip);

/// <summary>Body of <c>POST /api/confirmations</c>; nullable members so validation can name what is missing.</summary>
public sealed record ConfirmationRequest(string? Email, string? OrderId, IReadOnlyList<LineInput?>? Items, MoneyInput? Shipping, MoneyInput? Total, string? TrackingId, AddressInput? Address);

/// <summary>The rendered confirmation (not sent).</summary>
public sealed record Confirmation(string From, string To, string Subject, string Html);
