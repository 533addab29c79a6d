namespace Platform.Quote.Model;

/// <summary>Body of <c>POST /api/quotes</c>; nullable so validation can name a missing field.</summary>
public sealed record QuoteRequest(int? ItemCount);

/// <summary>The price of shipping <see cref="ItemCount"/> items.</summary>
public sealed record QuoteResponse(int ItemCount, decimal Cost, string Currency);
