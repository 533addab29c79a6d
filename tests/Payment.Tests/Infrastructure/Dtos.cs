namespace Platform.Payment.Tests.Infrastructure;

// The wire shapes as a client sees them.
public sealed record ChargeResultDto(string TransactionId);

public sealed record VoidResultDto(string TransactionId, string Status);

public sealed record ProblemDto(string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);

public static class Charges
{
    public const string Visa = "4111 1111 1111 1111";

    /// <summary>A charge body; the card expires at the end of next year unless told.</summary>
    public static object Body(string number = Visa, string cvv = "123", int? month = 12, int? year = null, decimal amount = 42.5m, string currency = "USD") => new
    {
        amount = new { currency, amount },
        card = new { number, cvv, expirationMonth = month, expirationYear = year ?? DateTime.UtcNow.Year + 1 },
    };
}
