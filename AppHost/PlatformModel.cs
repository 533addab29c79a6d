using Platform.Hosting;
using Platform.Hosting.ApplicationModel;

namespace Platform.AppHost;

/// <summary>
/// The Platform's app model, shared by <c>Program.cs</c> (<c>dotnet run --project AppHost</c>) and
/// the whole-system tests (<c>DistributedApplicationTestingBuilder.CreateAsync(PlatformModel.Build)</c>).
/// </summary>
public static class PlatformModel
{
    /// <summary>Resource names shared with the services (connection strings and service addresses).</summary>
    public static class Names
    {
        public const string Postgres = "postgres";
        public const string AccountingDb = "accountingdb";
        public const string Redis = "redis";
        public const string Kafka = "kafka";
        public const string FlagService = "flagservice";
        public const string ProductCatalog = "productcatalog";
        public const string Cart = "cart";
        public const string Payment = "payment";
        public const string Checkout = "checkout";
        public const string Accounting = "accounting";
        public const string Frontend = "frontend";
        public const string FlagsAdminToken = "flags-admin-token";
    }

    /// <summary>Declares every resource of the Platform and how they reference each other.</summary>
    public static void Build(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var accountingDb = builder.AddPostgres(Names.Postgres).AddDatabase(Names.AccountingDb);
        var redis = builder.AddRedis(Names.Redis);
        var kafka = builder.AddKafka(Names.Kafka);
        var flagsAdminToken = builder.AddParameter(Names.FlagsAdminToken, secret: true);

        var flagService = builder.AddProject<Projects.FlagService>(Names.FlagService)
            .WithEnvironment("Flags__File", FlagFile(builder))
            .WithEnvironment("Flags__AdminToken", flagsAdminToken)
            .WithHttpHealthCheck("/health");

        var productCatalog = builder.AddProject<Projects.ProductCatalog>(Names.ProductCatalog)
            .WithReference(flagService).WaitFor(flagService)
            .WithHttpHealthCheck("/health");

        var cart = builder.AddProject<Projects.Cart>(Names.Cart)
            .WithReference(redis).WaitFor(redis)
            .WithReference(flagService).WaitFor(flagService)
            .WithHttpHealthCheck("/health");

        var payment = builder.AddProject<Projects.Payment>(Names.Payment)
            .WithReference(flagService).WaitFor(flagService)
            .WithHttpHealthCheck("/health");

        var checkout = builder.AddProject<Projects.Checkout>(Names.Checkout)
            .WithReference(cart).WaitFor(cart)
            .WithReference(productCatalog).WaitFor(productCatalog)
            .WithReference(payment).WaitFor(payment)
            .WithReference(kafka).WaitFor(kafka)
            .WithReference(flagService).WaitFor(flagService)
            .WithHttpHealthCheck("/health");

        builder.AddProject<Projects.Accounting>(Names.Accounting)
            .WithReference(accountingDb).WaitFor(accountingDb)
            .WithReference(kafka).WaitFor(kafka)
            .WithReference(flagService).WaitFor(flagService)
            .WithHttpHealthCheck("/health");

        builder.AddProject<Projects.Frontend>(Names.Frontend)
            .WithReference(productCatalog).WaitFor(productCatalog)
            .WithReference(cart).WaitFor(cart)
            .WithReference(checkout).WaitFor(checkout)
            .WithReference(flagService).WaitFor(flagService)
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints();
    }

    /// <summary>
    /// FlagService edits its flag file (UI, admin API), so it works on a copy in the data directory,
    /// made from <c>services/FlagService/flags/demo.flagd.json</c> on first start: edits survive
    /// restarts and never dirty git. <c>--fresh</c> starts again from the demo file.
    /// </summary>
    private static EnvironmentValue FlagFile(IDistributedApplicationBuilder builder)
    {
        var source = Path.Combine(Path.GetDirectoryName(new Projects.FlagService().ProjectPath)!, "flags", "demo.flagd.json");
        var copy = Path.Combine(builder.Options.DataDirectory!, Names.FlagService, "flags.flagd.json");
        return new EnvironmentValue(_ =>
        {
            if (!File.Exists(copy))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(source, copy);
            }

            return ValueTask.FromResult(copy);
        }, isSecret: false);
    }
}
