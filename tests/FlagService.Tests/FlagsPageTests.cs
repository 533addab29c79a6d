using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FlagService.Tests;

public class FlagsPageTests
{
    private static Task<(string Html, string FieldName, string Token)> LoadPage(FlagServiceHost host) => FlagsPageForm.LoadPageAsync(host);

    private static async Task<string?> DefaultVariantOf(FlagServiceHost host, string key)
    {
        var flags = await host.Client.GetFromJsonAsync<JsonArray>("/api/flags");
        return (string?)flags!.Single(f => (string?)f!["key"] == key)!["defaultVariant"];
    }

    [Fact]
    public async Task The_page_lists_every_flag_with_its_variants_and_default()
    {
        await using var host = FlagServiceHost.Start();

        using var response = await host.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var key in new[] { "paymentFailure", "paymentUnreachable", "cartFailure", "productCatalogFailure", "kafkaQueueProblems", "failedReadinessProbe", "checkoutPeakMode" })
        {
            Assert.Contains($"<tr id=\"flag-{key}\"", html);
        }

        Assert.Contains("<option value=\"50%\">50%</option>", html);
        Assert.Contains("<td class=\"default\">off</td>", html);
        Assert.Contains("type=\"password\" name=\"adminToken\"", html);
    }

    [Fact]
    public async Task The_form_switches_a_flag()
    {
        await using var host = FlagServiceHost.Start();
        var (_, fieldName, token) = await LoadPage(host);

        using var response = await host.Client.PostAsync("/flags/paymentFailure", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [fieldName] = token,
            ["defaultVariant"] = "25%",
            ["adminToken"] = FlagServiceHost.AdminToken,
        }));
        var page = await host.Client.GetStringAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.DoesNotContain(FlagServiceHost.AdminToken, response.Headers.Location.OriginalString);
        Assert.Equal("25%", await DefaultVariantOf(host, "paymentFailure"));
        Assert.Contains("Switched paymentFailure to 25%.", page);
        Assert.Contains("ui", (await File.ReadAllTextAsync(host.AuditFile)));
    }

    [Fact]
    public async Task The_form_refuses_a_wrong_admin_token()
    {
        await using var host = FlagServiceHost.Start();
        var (_, fieldName, token) = await LoadPage(host);

        using var response = await host.Client.PostAsync("/flags/cartFailure", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [fieldName] = token,
            ["defaultVariant"] = "on",
            ["adminToken"] = "guess",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong or missing admin token.", await response.Content.ReadAsStringAsync());
        Assert.Equal("off", await DefaultVariantOf(host, "cartFailure"));
    }

    [Fact]
    public async Task The_form_refuses_a_post_without_the_antiforgery_token()
    {
        await using var host = FlagServiceHost.Start();
        await LoadPage(host);

        using var response = await host.Client.PostAsync("/flags/cartFailure", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["defaultVariant"] = "on",
            ["adminToken"] = FlagServiceHost.AdminToken,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("off", await DefaultVariantOf(host, "cartFailure"));
    }
}
