using System.Net;
using System.Text;
using System.Text.Encodings.Web;

namespace FlagService.Tests;

/// <summary>
/// Bad posts of the flags page's form. The form's contract: a refused change answers 4xx with the page
/// re-rendered and the reason in its alert (a browser shows it where the user is); what the framework
/// refuses before the handler runs (antiforgery, content type, size) is a plain 4xx. Either way the flag
/// file is not written.
/// </summary>
public class FlagsPageBadInputTests
{
    private const string Admin = "(the admin token)";

    /// <summary>A huge value, past the form reader's 4 MB limit for one value.</summary>
    private static readonly string Huge = new('a', 5 * 1024 * 1024);

    public static TheoryData<string, string, string[], int, string?> BadForms => new()
    {
        // case, flag in the URL, form fields (name, value, name, value...), status, alert text as read (null: refused before the handler)
        { "unknown flag", "noSuchFlag", ["defaultVariant", "on", "adminToken", Admin], 404, "There is no flag 'noSuchFlag'." },
        { "unknown variant", "cartFailure", ["defaultVariant", "maybe", "adminToken", Admin], 400, "'maybe' is not a variant of flag 'cartFailure'." },
        { "missing variant", "cartFailure", ["adminToken", Admin], 400, "Choose a variant." },
        { "empty variant", "cartFailure", ["defaultVariant", " ", "adminToken", Admin], 400, "Choose a variant." },
        { "missing admin token", "cartFailure", ["defaultVariant", "on"], 401, "Wrong or missing admin token." },
        { "empty admin token", "cartFailure", ["defaultVariant", "on", "adminToken", ""], 401, "Wrong or missing admin token." },
        { "SQL injection as the token", "cartFailure", ["defaultVariant", "on", "adminToken", "' OR '1'='1"], 401, "Wrong or missing admin token." },
        { "SQL injection as the variant", "cartFailure", ["defaultVariant", "' OR 1=1 --", "adminToken", Admin], 400, "is not a variant of flag 'cartFailure'." },
        { "script as the variant", "cartFailure", ["defaultVariant", "<script>alert(1)</script>", "adminToken", Admin], 400, "'<script>alert(1)</script>' is not a variant" },
        { "markup as the flag", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", ["defaultVariant", "on", "adminToken", Admin], 404, "There is no flag '<img src=x onerror=alert(1)>'." },
        { "missing antiforgery token", "cartFailure", ["defaultVariant", "on", "adminToken", Admin, "-no-antiforgery", ""], 400, null },
        { "wrong antiforgery token", "cartFailure", ["defaultVariant", "on", "adminToken", Admin, "-antiforgery", "CfDJ8forged"], 400, null },
        { "huge variant", "cartFailure", ["defaultVariant", Huge, "adminToken", Admin], 400, null },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_form_post_is_a_4xx_with_the_reason_and_writes_nothing(string _, string flag, string[] fields, int status, string? alert)
    {
        await using var host = FlagServiceHost.Start();
        var (fieldName, token) = await FlagsPageForm.LoadAsync(host);
        var before = await File.ReadAllTextAsync(host.FlagFile);

        using var response = await host.Client.PostAsync($"/flags/{flag}", new FormUrlEncodedContent(Fields(fields, fieldName, token)));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 2000)]}");
        if (alert is not null)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("role=\"alert\"", text);
            Assert.Contains(HtmlEncoder.Default.Encode(alert), text); // as the page shows it: encoded, never markup
            Assert.DoesNotContain("<script>", text);
            Assert.DoesNotContain("<img", text);
        }
        Assert.Equal(before, await File.ReadAllTextAsync(host.FlagFile));
        Assert.False(File.Exists(host.AuditFile) && (await File.ReadAllTextAsync(host.AuditFile)).Contains("\"ui\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/json", """{"defaultVariant":"on","adminToken":"test-admin-token-7f3a"}""")]
    [InlineData("text/plain", "defaultVariant=on&adminToken=test-admin-token-7f3a")]
    public async Task A_post_that_is_not_a_form_is_refused_and_writes_nothing(string contentType, string body)
    {
        await using var host = FlagServiceHost.Start();
        await FlagsPageForm.LoadAsync(host);
        var before = await File.ReadAllTextAsync(host.FlagFile);

        using var response = await host.Client.PostAsync("/flags/cartFailure", new StringContent(body, Encoding.UTF8, contentType));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{(int)response.StatusCode}");
        Assert.Equal(before, await File.ReadAllTextAsync(host.FlagFile));
    }

    // The table names the page's tokens symbolically; "-no-antiforgery" drops the antiforgery field, "-antiforgery" replaces its value.
    private static Dictionary<string, string> Fields(string[] fields, string antiforgeryField, string antiforgeryToken)
    {
        var form = new Dictionary<string, string> { [antiforgeryField] = antiforgeryToken };
        for (var i = 0; i < fields.Length; i += 2)
        {
            switch (fields[i])
            {
                case "-no-antiforgery":
                    form.Remove(antiforgeryField);
                    break;
                case "-antiforgery":
                    form[antiforgeryField] = fields[i + 1];
                    break;
                default:
                    form[fields[i]] = fields[i + 1] == Admin ? FlagServiceHost.AdminToken : fields[i + 1];
                    break;
            }
        }
        return form;
    }
}
