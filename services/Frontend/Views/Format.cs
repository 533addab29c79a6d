using System.Globalization;
using Frontend.Model;

namespace Frontend.Views;

/// <summary>Text and URL formatting shared by the views.</summary>
public static class Format
{
    /// <summary>The shop's logo, and the picture shown for a catalogue picture that is not a path on this site.</summary>
    public const string PlaceholderPicture = "/images/products/placeholder.svg";

    /// <summary>"$1,234.50" for dollars, "1,234.50 EUR" for another currency ("1,235 JPY": the yen has no minor unit).</summary>
    public static string Money(Money money) => money.Currency switch
    {
        "USD" => money.Amount.ToString("$#,##0.00", CultureInfo.InvariantCulture),
        "JPY" => $"{money.Amount.ToString("#,##0", CultureInfo.InvariantCulture)} {money.Currency}",
        _ => $"{money.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)} {money.Currency}",
    };

    public static string ProductUrl(string productId) => $"/products/{Uri.EscapeDataString(productId)}";

    public static string OrderUrl(string orderId) => $"/orders/{Uri.EscapeDataString(orderId)}";

    /// <summary>A path on this site to send the browser back to (a form's <c>returnUrl</c>), else the home page: never another origin.</summary>
    public static string LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";

    /// <summary>The catalogue's picture when it is a path on this site, else the placeholder (never another origin, never <c>javascript:</c>).</summary>
    public static string PictureUrl(string? picture) =>
        picture is { Length: > 1 } && picture[0] == '/' && picture[1] != '/' && picture[1] != '\\'
            ? picture
            : PlaceholderPicture;
}
