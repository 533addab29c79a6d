namespace Frontend.Model;

/// <summary>An amount of money, e.g. <c>{ "currency": "USD", "amount": 12.34 }</c>.</summary>
public sealed record Money(string Currency, decimal Amount)
{
    public static Money Zero(string currency) => new(currency, 0m);

    public Money Times(int quantity) => this with { Amount = Amount * quantity };

    public Money Plus(Money other) => this with { Amount = Amount + other.Amount };
}

/// <summary>A product as ProductCatalog returns it.</summary>
public sealed record Product(
    string Id,
    string Name,
    string Description,
    string Picture,
    Money Price,
    IReadOnlyList<string> Categories);
