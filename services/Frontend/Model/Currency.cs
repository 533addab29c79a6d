namespace Frontend.Model;

/// <summary>What Currency's <c>GET /api/currencies</c> answers: the supported codes (sorted), its base and the rates' date.</summary>
public sealed record CurrencyList(IReadOnlyList<string> Currencies, string Base, string RatesDate);

/// <summary>Body of Currency's <c>POST /api/currencies/convert</c>.</summary>
public sealed record ConvertRequest(Money From, string To);

/// <summary>What Currency's <c>POST /api/currencies/convert</c> answers.</summary>
public sealed record ConvertResult(Money Result, string RatesDate);
