using System.Text.RegularExpressions;

namespace FlagService.Tests;

/// <summary>The flags page's form as a browser gets it: loading the page sets the antiforgery cookie and gives the field to post back.</summary>
public static partial class FlagsPageForm
{
    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)"|name="(?<name>[^"]+)" value="(?<value>[^"]+)"><label>Variant""")]
    private static partial Regex AntiforgeryField();

    /// <summary>Loads the page; returns its HTML and the antiforgery field's name and value.</summary>
    public static async Task<(string Html, string FieldName, string Token)> LoadPageAsync(FlagServiceHost host)
    {
        var html = await host.Client.GetStringAsync("/");
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "the page has an antiforgery field");
        return match.Groups[1].Success
            ? (html, "__RequestVerificationToken", match.Groups[1].Value)
            : (html, match.Groups["name"].Value, match.Groups["value"].Value);
    }

    /// <summary>Loads the page; returns the antiforgery field's name and value.</summary>
    public static async Task<(string FieldName, string Token)> LoadAsync(FlagServiceHost host)
    {
        var (_, fieldName, token) = await LoadPageAsync(host);
        return (fieldName, token);
    }
}
