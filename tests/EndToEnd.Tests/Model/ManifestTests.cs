using System.Diagnostics;
using System.Text.Json.Nodes;
using Json.Schema;

namespace EndToEnd.Tests.Model;

/// <summary>
/// The Aspire manifest the AppHost publishes (<c>--publisher manifest</c>): what Aspirate and our Kubernetes
/// generator read. It must pass Aspire's schema, keep secrets as generated inputs, and be the committed
/// <c>deploy/aspire-manifest.json</c>.
/// </summary>
public sealed class ManifestTests : IAsyncLifetime
{
    private static readonly string[] Services =
    [
        ResourceNames.FlagService, ResourceNames.ProductCatalog, ResourceNames.Cart, ResourceNames.Payment,
        ResourceNames.Checkout, ResourceNames.Accounting, ResourceNames.Frontend,
        ResourceNames.Quote, ResourceNames.Shipping, ResourceNames.Currency, ResourceNames.Email, ResourceNames.LoadGenerator,
        ResourceNames.FraudDetection,
        ResourceNames.Recommendation, ResourceNames.Ad,
    ];

    private static readonly string CommittedPath = Path.Combine(Repository.Root, "deploy", "aspire-manifest.json");
    private readonly string _outputPath = Path.Combine(Repository.Root, "deploy", $".manifest-test-{Guid.NewGuid():N}.json");
    private string _text = "";
    private JsonObject _resources = null!;

    public async Task InitializeAsync()
    {
        // Written beside the committed file, so the relative project paths in it are the same.
        var start = new ProcessStartInfo("dotnet", ["run", "--project", "AppHost", "--no-build", "--no-launch-profile", "--",
            "--publisher", "manifest", "--output-path", _outputPath])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publisher = Process.Start(start)!;
        var output = publisher.StandardOutput.ReadToEndAsync();
        var errors = publisher.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await publisher.WaitForExitAsync(timeout.Token);
        Assert.True(publisher.ExitCode == 0, $"the manifest publisher failed ({publisher.ExitCode}):\n{await output}\n{await errors}");
        _text = await File.ReadAllTextAsync(_outputPath);
        _resources = JsonNode.Parse(_text)!["resources"]!.AsObject();
    }

    public Task DisposeAsync()
    {
        File.Delete(_outputPath);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_manifest_passes_Aspire_schema()
    {
        var schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemas", "aspire-8.0.json"));

        var result = schema.Evaluate(System.Text.Json.JsonDocument.Parse(_text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, "schema errors:\n" + string.Join("\n",
            (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public async Task The_committed_manifest_is_what_the_AppHost_publishes_now()
    {
        Assert.True(await File.ReadAllTextAsync(CommittedPath) == _text,
            "deploy/aspire-manifest.json is stale: run `dotnet run --project AppHost -- --publisher manifest --output-path ../deploy/aspire-manifest.json` and commit it.");
    }

    [Fact]
    public void Every_service_is_a_project_and_every_data_store_a_container_with_a_pinned_image()
    {
        foreach (var service in Services)
        {
            Assert.Matches("^project\\.v[01]$", Type(service));
        }
        foreach (var store in new[] { ResourceNames.Postgres, ResourceNames.Redis, ResourceNames.Kafka })
        {
            Assert.Equal("container.v0", Type(store));
            var image = (string)_resources[store]!["image"]!;
            Assert.Matches("^[a-z0-9.-]+/[a-z0-9./_-]+:[0-9][0-9A-Za-z._-]*$", image);
        }
        Assert.Equal("{postgres.connectionString};Database=accountingdb", (string)_resources[ResourceNames.AccountingDb]!["connectionString"]!);
    }

    [Fact]
    public void Secrets_are_generated_parameter_inputs_never_values()
    {
        var secrets = _resources.Where(r => Type(r.Key) == "parameter.v0" && (bool?)r.Value!["inputs"]?["value"]?["secret"] == true).ToList();

        Assert.Equal(
            [ResourceNames.FlagsAdminToken, "postgres-password", "redis-password"],
            secrets.Select(s => s.Key).Order());
        foreach (var (name, secret) in secrets)
        {
            Assert.Equal($"{{{name}.inputs.value}}", (string)secret!["value"]!);
            Assert.NotNull(secret["inputs"]!["value"]!["default"]!["generate"]);
        }
        Assert.Equal($"{{{ResourceNames.FlagsAdminToken}.value}}", Env(ResourceNames.FlagService, "Flags__AdminToken"));
    }

    [Fact]
    public void References_are_expressions_over_connection_strings_and_bindings()
    {
        Assert.Equal("{redis.connectionString}", Env(ResourceNames.Cart, "ConnectionStrings__redis"));
        Assert.Equal("{accountingdb.connectionString}", Env(ResourceNames.Accounting, "ConnectionStrings__accountingdb"));
        Assert.Equal("{kafka.connectionString}", Env(ResourceNames.Checkout, "ConnectionStrings__kafka"));
        Assert.Equal("{payment.bindings.http.url}", Env(ResourceNames.Checkout, "services__payment__http__0"));
        Assert.Equal("{flagservice.bindings.http.url}", Env(ResourceNames.Frontend, "services__flagservice__http__0"));
    }

    private string Type(string resource) => (string)_resources[resource]!["type"]!;

    private string? Env(string resource, string name) => (string?)_resources[resource]!["env"]![name];
}
