using System.Globalization;
using Frontend.Model;

namespace Frontend.Views;

/// <summary>Text and URL formatting shared by the views.</summary>
public static class Format
{
    /// <summary>The picture every product path falls back to.</summary>
    public const string PlaceholderPicture = "/images/products/placeholder.svg";

    public static string Money(Money money) => money.Currency == "USD"
        ? money.Amount.ToString("$#,##0.00", CultureInfo.InvariantCulture)
        : $"{money.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)} {money.Currency}";

    public static string ProductUrl(string productId) => $"/products/{Uri.EscapeDataString(productId)}";

    public static string OrderUrl(string orderId) => $"/orders/{Uri.EscapeDataString(orderId)}";

    /// <summary>The catalogue's picture when it is a path on this site, else the placeholder (never another origin, never <c>javascript:</c>).</summary>
    public static string PictureUrl(string? picture) =>
        picture is { Length: > 1 } && picture[0] == '/' && picture[1] != '/' && picture[1] != '\\'
            ? picture
            : PlaceholderPicture;
}
