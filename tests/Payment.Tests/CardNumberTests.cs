using Platform.Payment.Model;

namespace Platform.Payment.Tests;

public sealed class CardNumberTests
{
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("5555555555554444")]
    [InlineData("378282246310005")]
    [InlineData("2223003122003222")]
    [InlineData("6011111111111117")]
    [InlineData("555555555559")]
    [InlineData("5555555555555555556")]
    public void Valid_numbers_pass_the_luhn_check(string digits) => Assert.True(CardNumber.PassesLuhn(digits));

    [Theory]
    [InlineData("4111111111111112")]
    [InlineData("5555555555554443")]
    [InlineData("378282246310006")]
    [InlineData("1234567890123")]
    public void Invalid_numbers_fail_the_luhn_check(string digits) => Assert.False(CardNumber.PassesLuhn(digits));

    [Theory]
    [InlineData("4111 1111 1111 1111", "4111111111111111")]
    [InlineData("4432-8015-6152-0454", "4432801561520454")]
    [InlineData(" 4111-1111 1111-1111 ", "4111111111111111")]
    public void Spaces_and_dashes_are_stripped(string number, string digits) => Assert.Equal(digits, CardNumber.Normalize(number));

    [Theory]
    [InlineData("4111.1111.1111.1111")]
    [InlineData("4111x11111111111")]
    [InlineData("４１１１１１１１１１１１１１１１")]
    public void Other_characters_make_the_number_invalid(string number) => Assert.Null(CardNumber.Normalize(number));

    [Theory]
    [InlineData("4111111111111111", CardType.Visa)]
    [InlineData("5555555555554444", CardType.Mastercard)]
    [InlineData("2223003122003222", CardType.Mastercard)]
    [InlineData("378282246310005", CardType.Amex)]
    [InlineData("340000000000009", CardType.Amex)]
    [InlineData("6011111111111117", CardType.Unknown)]
    public void Card_type_is_detected_from_the_prefix(string digits, CardType expected) => Assert.Equal(expected, CardNumber.Detect(digits));

    [Fact]
    public void Only_the_last_four_digits_are_kept_for_logs_and_tags() => Assert.Equal("1111", CardNumber.LastFour("4111111111111111"));
}
