using Platform.Checkout.Model;

namespace Platform.Checkout.Tests;

public class CheckoutValidatorTests
{
    public static CheckoutRequest Valid() => new("user-1", "someone@example.com", "USD",
        new AddressInput("1 Main St", "Springfield", "IL", "United States", "62701"),
        new CardInput("4432801561520454", "672", 1, 2030));

    [Fact]
    public void Valid_request_has_no_errors()
    {
        Assert.Empty(CheckoutValidator.Validate(Valid()));
    }

    [Fact]
    public void Missing_body_is_an_error()
    {
        Assert.Contains("body", CheckoutValidator.Validate(null).Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("a b@example.com")]
    public void Bad_email_is_named(string email)
    {
        Assert.Contains("email", CheckoutValidator.Validate(Valid() with { Email = email }).Keys);
    }

    [Theory]
    [InlineData("EURO")]
    [InlineData("€")]
    [InlineData("U1D")]
    public void A_currency_that_is_not_a_three_letter_code_is_named(string currency)
    {
        var errors = CheckoutValidator.Validate(Valid() with { Currency = currency });

        Assert.Contains("ISO 4217", Assert.Single(errors["currency"]));
    }

    [Fact]
    public void Without_a_currency_the_order_is_in_the_catalogues()
    {
        Assert.Empty(CheckoutValidator.Validate(Valid() with { Currency = null }));
        Assert.Equal("USD", CheckoutValidator.CurrencyOf(Valid() with { Currency = null }, "USD"));
        Assert.Equal("EUR", CheckoutValidator.CurrencyOf(Valid() with { Currency = "eur" }, "USD"));
    }

    [Fact]
    public void Missing_user_id_is_named()
    {
        Assert.Contains("userId", CheckoutValidator.Validate(Valid() with { UserId = " " }).Keys);
    }

    [Fact]
    public void Each_missing_address_field_is_named()
    {
        var errors = CheckoutValidator.Validate(Valid() with { Address = new AddressInput(null, "", "IL", null, " ") });

        Assert.Equal(["address.city", "address.country", "address.street", "address.zip"], errors.Keys.Order());
    }

    [Fact]
    public void Missing_card_fields_are_named()
    {
        var errors = CheckoutValidator.Validate(Valid() with { Card = new CardInput("", null, null, 2030) });

        Assert.Contains("card.number", errors.Keys);
        Assert.Contains("card.cvv", errors.Keys);
        Assert.Contains("card.expirationMonth", errors.Keys);
        Assert.DoesNotContain("card.expirationYear", errors.Keys);
    }
}
