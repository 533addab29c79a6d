namespace Frontend.Views;

/// <summary>
/// The checkout form's fields as typed (strings, so a wrong value can be shown back to the user).
/// <c>Currency</c> is the hidden field naming the currency the cart was shown in (the order's).
/// <see cref="Demo"/> prefills the demo values the OpenTelemetry demo uses, so a visitor can click through.
/// </summary>
public sealed record CheckoutForm(
    string? Email,
    string? Street,
    string? City,
    string? State,
    string? Country,
    string? Zip,
    string? CardNumber,
    string? Cvv,
    string? ExpirationMonth,
    string? ExpirationYear)
{
    /// <summary>The hidden field: the currency the cart was shown in, the one the order is placed in.</summary>
    public string? Currency { get; init; }

    public static CheckoutForm Demo(int currentYear) => new(
        Email: "someone@example.com",
        Street: "1600 Amphitheatre Parkway",
        City: "Mountain View",
        State: "CA",
        Country: "United States",
        Zip: "94043",
        CardNumber: "4432-8015-6152-0454",
        Cvv: "672",
        ExpirationMonth: "1",
        ExpirationYear: (currentYear + 4).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Never prints the card number or the CVV.</summary>
    public override string ToString() => $"CheckoutForm {{ Email = {Email}, Country = {Country} }}";
}
