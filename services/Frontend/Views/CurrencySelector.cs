using Microsoft.AspNetCore.Antiforgery;

namespace Frontend.Views;

/// <summary>
/// The header's currency selector: the shopper's currency, the codes Currency offers (none when it
/// could not answer), the form's antiforgery tokens, the page to come back to, and a notice if prices
/// could not be converted.
/// </summary>
public sealed record CurrencyChoice(
    string Selected, IReadOnlyList<string> Available, AntiforgeryTokenSet Tokens, string ReturnUrl, string? Notice = null);

/// <summary>The form that posts <c>currency</c> to <c>/currency</c> (no script: a select and a button), and the notice.</summary>
public static class CurrencySelector
{
    public static Html Form(CurrencyChoice? choice) => choice is null || choice.Available.Count == 0
        ? Html.Empty
        : Html.Of($"""
            <form method="post" action="/currency" class="currency-form">
              {Layout.AntiforgeryField(choice.Tokens)}
              <input type="hidden" name="returnUrl" value="{choice.ReturnUrl}">
              <label for="currency-select">Currency</label>
              <select id="currency-select" name="currency">{choice.Available.Select(code => Option(code, code == choice.Selected))}</select>
              <button type="submit" class="secondary">Set</button>
            </form>
            """);

    public static Html Notice(CurrencyChoice? choice) => choice?.Notice is null
        ? Html.Empty
        : Html.Of($"""<p class="notice currency-notice" role="status">{choice.Notice}</p>""");

    private static Html Option(string code, bool selected) => selected
        ? Html.Of($"""<option value="{code}" selected>{code}</option>""")
        : Html.Of($"""<option value="{code}">{code}</option>""");
}
