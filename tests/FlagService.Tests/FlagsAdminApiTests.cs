using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace FlagService.Tests;

public class FlagsAdminApiTests
{
    private static JsonContent Body(string variant) => JsonContent.Create(new { defaultVariant = variant });

    [Fact]
    public async Task Listing_shows_every_flag_with_variants_default_and_targeting()
    {
        await using var host = FlagServiceHost.Start();

        var flags = await host.Client.GetFromJsonAsync<JsonArray>("/api/flags");

        var payment = flags!.Single(f => (string?)f!["key"] == "paymentFailure")!;
        Assert.Equal(FlagKeys.All.Count, flags!.Count);
        Assert.Equal(("ENABLED", "off", false), ((string?)payment["state"], (string?)payment["defaultVariant"], (bool)payment["hasTargeting"]!));
        Assert.Equal("0.5", payment["variants"]!["50%"]!.ToJsonString());
    }

    [Fact]
    public async Task A_change_without_a_token_is_401()
    {
        await using var host = FlagServiceHost.Start();

        using var response = await host.Client.PutAsync("/api/flags/cartFailure", Body("on"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_change_with_a_wrong_token_is_401_and_changes_nothing()
    {
        await using var host = FlagServiceHost.Start();
        var before = await File.ReadAllTextAsync(host.FlagFile);

        using var response = await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/cartFailure", Body("on"), token: "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await File.ReadAllTextAsync(host.FlagFile));
    }

    [Fact]
    public async Task Changes_are_refused_when_no_admin_token_is_configured()
    {
        await using var host = FlagServiceHost.Start(adminToken: null);

        using var response = await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/cartFailure", Body("on"), token: ""));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Flags:AdminToken", (string?)problem!["detail"]);
    }

    [Fact]
    public async Task An_unknown_flag_is_404()
    {
        await using var host = FlagServiceHost.Start();

        using var response = await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/noSuchFlag", Body("on")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_variant_is_a_400_validation_problem_naming_the_valid_ones()
    {
        await using var host = FlagServiceHost.Start();

        using var response = await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/paymentFailure", Body("60%")));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (string?)problem!["errors"]!["defaultVariant"]![0];
        Assert.Contains("'60%'", message);
        Assert.Contains("100%, 90%, 75%, 50%, 25%, 10%, off", message);
    }

    [Fact]
    public async Task A_change_applies_at_once_rewrites_the_file_and_is_audited()
    {
        await using var host = FlagServiceHost.Start();

        using var response = await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/paymentFailure", Body("50%")));
        using var evaluation = await host.Client.PostAsync("/ofrep/v1/evaluate/flags/paymentFailure", JsonContent.Create(new { context = new { } }));
        var value = await evaluation.Content.ReadFromJsonAsync<JsonObject>();
        var file = JsonNode.Parse(await File.ReadAllTextAsync(host.FlagFile))!;
        var audit = (await File.ReadAllLinesAsync(host.AuditFile)).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0.5", value!["value"]!.ToJsonString());
        Assert.Equal("50%", (string?)file["flags"]!["paymentFailure"]!["defaultVariant"]);
        Assert.Equal("https://flagd.dev/schema/v0/flags.json", (string?)file["$schema"]);
        var entry = Assert.Single(audit);
        Assert.Equal(("paymentFailure", "off", "50%", "api"), ((string?)entry["flag"], (string?)entry["old"], (string?)entry["new"], (string?)entry["via"]));
        Assert.StartsWith("admin", (string?)entry["who"]);
        Assert.Contains(host.Logs, l => l.Contains("Flag paymentFailure changed: defaultVariant from off to 50%"));
        Assert.DoesNotContain(host.Logs, l => l.Contains(FlagServiceHost.AdminToken));
        Assert.Empty(Directory.GetFiles(host.Directory, "*.tmp"));
    }

    [Fact]
    public async Task The_audit_endpoint_lists_recent_changes_newest_first()
    {
        await using var host = FlagServiceHost.Start();
        (await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/cartFailure", Body("on")))).Dispose();
        (await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/cartFailure", Body("off")))).Dispose();

        var entries = await host.Client.GetFromJsonAsync<JsonArray>("/api/flags/audit");

        Assert.Equal([("off", "on"), ("on", "off")], entries!.Select(e => ((string?)e!["new"], (string?)e["old"])).ToList());
    }

    [Fact]
    public async Task A_change_survives_a_restart()
    {
        string directory;
        await using (var host = FlagServiceHost.Start())
        {
            (await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/kafkaQueueProblems", Body("on")))).Dispose();
            directory = host.Directory;
            var rewritten = await File.ReadAllTextAsync(host.FlagFile);

            await using var restarted = FlagServiceHost.Start(rewritten);
            var flags = await restarted.Client.GetFromJsonAsync<JsonArray>("/api/flags");

            Assert.Equal("on", (string?)flags!.Single(f => (string?)f!["key"] == "kafkaQueueProblems")!["defaultVariant"]);
        }

        Assert.False(Directory.Exists(directory));
    }
}
