namespace Platform.Currency.Model;

/// <summary>An amount of money, as Payment and Checkout write it: <c>{ "currency": "USD", "amount": 12.34 }</c>.</summary>
public sealed record MoneyInput(string? Currency, decimal? Amount);

/// <summary>Body of <c>POST /api/currencies/convert</c>; nullable members so validation can name what is missing.</summary>
public sealed record ConversionRequest(MoneyInput? From, string? To);

/// <summary>A converted amount.</summary>
public sealed record Money(string Currency, decimal Amount);

/// <summary>Answer of a conversion: the amount in the target currency and the date of the rates used.</summary>
public sealed record ConversionResponse(Money Result, DateOnly RatesDate);

/// <summary>Answer of <c>GET /api/currencies</c>.</summary>
public sealed record CurrenciesResponse(IReadOnlyList<string> Currencies, string Base, DateOnly RatesDate);
