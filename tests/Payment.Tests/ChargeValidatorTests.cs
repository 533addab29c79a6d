using Platform.Payment.Model;

namespace Platform.Payment.Tests;

public sealed class ChargeValidatorTests
{
    private static readonly DateTimeOffset LastSecondOfNovember = new(2026, 11, 30, 23, 59, 59, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstOfDecember = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static ChargeRequest Request(string number = "4111111111111111", string? cvv = "123", int? month = 11, int? year = 2026, decimal? amount = 10m, string? currency = "USD") =>
        new(new Money(currency, amount), new CardDetails(number, cvv, month, year));

    [Fact]
    public void Valid_request_yields_the_charge_without_the_full_number()
    {
        var charge = ChargeValidator.Validate(Request(amount: 99.99m), LastSecondOfNovember, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new ValidCharge(99.99m, "USD", CardType.Visa, "1111"), charge);
    }

    [Fact]
    public void Card_is_valid_through_the_last_second_of_its_expiry_month()
    {
        var charge = ChargeValidator.Validate(Request(month: 11, year: 2026), LastSecondOfNovember, out var errors);

        Assert.NotNull(charge);
        Assert.Empty(errors);
    }

    [Fact]
    public void Card_is_expired_on_the_first_day_of_the_next_month()
    {
        var charge = ChargeValidator.Validate(Request(month: 11, year: 2026), FirstOfDecember, out var errors);

        Assert.Null(charge);
        Assert.Equal(["the card expired at the end of 11/2026"], errors["card.expiration"]);
    }

    [Fact]
    public void Card_that_expired_last_year_is_rejected()
    {
        ChargeValidator.Validate(Request(month: 12, year: 2025), LastSecondOfNovember, out var errors);

        Assert.True(errors.ContainsKey("card.expiration"));
    }

    [Fact]
    public void Two_digit_year_is_read_as_this_century()
    {
        var charge = ChargeValidator.Validate(Request(month: 11, year: 26), LastSecondOfNovember, out var errors);

        Assert.NotNull(charge);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(null)]
    public void Month_outside_1_to_12_is_rejected(int? month)
    {
        ChargeValidator.Validate(Request(month: month), LastSecondOfNovember, out var errors);

        Assert.True(errors.ContainsKey("card.expirationMonth"));
        Assert.False(errors.ContainsKey("card.expiration"));
    }

    [Theory]
    [InlineData("4111111111111112", "fails the Luhn check")]
    [InlineData("41111111111", "must have 12 to 19 digits")]
    [InlineData("41111111111111111111", "must have 12 to 19 digits")]
    [InlineData("4111-1111-1111-111a", "must contain only digits, spaces or dashes")]
    [InlineData("", "is required")]
    public void Bad_card_number_is_reported_under_card_number(string number, string message)
    {
        ChargeValidator.Validate(Request(number: number), LastSecondOfNovember, out var errors);

        Assert.Equal([message], errors["card.number"]);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("12345")]
    [InlineData("12a")]
    [InlineData(null)]
    public void Cvv_must_be_3_or_4_digits(string? cvv)
    {
        ChargeValidator.Validate(Request(cvv: cvv), LastSecondOfNovember, out var errors);

        Assert.Equal(["must be 3 or 4 digits"], errors["card.cvv"]);
    }

    [Fact]
    public void Four_digit_cvv_is_accepted()
    {
        var charge = ChargeValidator.Validate(Request(number: "378282246310005", cvv: "1234"), LastSecondOfNovember, out _);

        Assert.Equal(CardType.Amex, charge?.CardType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(null)]
    public void Amount_must_be_positive(int? amount)
    {
        ChargeValidator.Validate(Request(amount: amount), LastSecondOfNovember, out var errors);

        Assert.True(errors.ContainsKey("amount.amount"));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("EURO")]
    [InlineData(null)]
    public void Currency_must_be_a_3_letter_code(string? currency)
    {
        ChargeValidator.Validate(Request(currency: currency), LastSecondOfNovember, out var errors);

        Assert.True(errors.ContainsKey("amount.currency"));
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        ChargeValidator.Validate(Request(number: "4111111111111112", cvv: "1", month: 13, amount: -5, currency: "x"), LastSecondOfNovember, out var errors);

        Assert.Equal(["amount.amount", "amount.currency", "card.cvv", "card.expirationMonth", "card.number"], errors.Keys.Order());
    }

    [Fact]
    public void Missing_amount_and_card_are_named()
    {
        ChargeValidator.Validate(new ChargeRequest(null, null), LastSecondOfNovember, out var errors);

        Assert.Equal(["amount", "card"], errors.Keys.Order());
    }
}
