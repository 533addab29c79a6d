namespace Platform.Payment.Model;

/// <summary>An amount of money: <c>{ "currency": "USD", "amount": 12.34 }</c>.</summary>
public sealed record Money(string? Currency, decimal? Amount);

/// <summary>The card to charge. The number may contain spaces or dashes.</summary>
public sealed record CardDetails(string? Number, string? Cvv, int? ExpirationMonth, int? ExpirationYear);

/// <summary>Body of <c>POST /api/charges</c>. Every member is nullable so that validation can name what is missing.</summary>
public sealed record ChargeRequest(Money? Amount, CardDetails? Card);

/// <summary>Answer of a successful charge.</summary>
public sealed record ChargeResponse(string TransactionId);

/// <summary>Answer of a successful void.</summary>
public sealed record VoidResponse(string TransactionId, string Status);
