// The Platform's AppHost: `dotnet run --project AppHost` runs the whole shop on 127.0.0.1 with the
// Aspire dashboard; `-- --publisher manifest --output-path aspire-manifest.json` publishes the model.
// Data stores are local servers in run mode and containers in publish mode (DataStoreBuilderExtensions);
// services are Aspire projects, started in run mode from their build output (ServiceResourceBuilderExtensions).
using Microsoft.Extensions.Configuration;
using Platform.AppHost;
using Platform.Contracts;

var builder = DistributedApplication.CreateBuilder(LocalDataOptions.Expand(args));

// Data stores and secrets.
var accountingDb = builder.AddPostgresDatabase(ResourceNames.Postgres, ResourceNames.AccountingDb);
var redis = builder.AddRedisServer(ResourceNames.Redis);
var kafka = builder.AddKafkaBroker(ResourceNames.Kafka, Topics.Orders);
var flagsAdminToken = builder.AddGeneratedSecret(ResourceNames.FlagsAdminToken);

// Each service waits for what it calls (FlagService first, so none starts on flag defaults). Started all at
// once, fifteen services compiling on two cores starved the servers' readiness steps (a PostgreSQL connection
// timed out in CI); in waves they do not, and the AppHost sees each wave healthy within 0.1 s
// (ServiceHealthCheckExtensions), so the chain costs little waiting. Every service asks FlagService over OFREP.
var flagService = builder.AddService<Projects.FlagService>(ResourceNames.FlagService)
    .WithFlagFile()
    .WithEnvironment("Flags__AdminToken", flagsAdminToken)
    .WithFlagCommands(flagsAdminToken)
    .WithClearIncidentsCommand(flagsAdminToken)
    .WithServiceHealthCheck("/health");

var productCatalog = builder.AddService<Projects.ProductCatalog>(ResourceNames.ProductCatalog)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

var cart = builder.AddService<Projects.Cart>(ResourceNames.Cart)
    .WithStableDatabaseConventions()
    .WithReference(redis).WaitFor(redis)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

var payment = builder.AddService<Projects.Payment>(ResourceNames.Payment)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

// Shipping prices every shipment through Quote; intlShippingSlowdown comes from FlagService.
// Quote reads no flag yet, but has FlagService's address like every service (no "flags off" warning at start).
var quote = builder.AddService<Projects.Quote>(ResourceNames.Quote)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

var shipping = builder.AddService<Projects.Shipping>(ResourceNames.Shipping)
    .WithReference(quote).WaitFor(quote)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

// Currency converts prices from the rate table it ships; no flag yet, FlagService's address like every service.
var currency = builder.AddService<Projects.Currency>(ResourceNames.Currency)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

// Email renders order confirmations (not sent); emailMemoryLeak comes from FlagService.
var email = builder.AddService<Projects.Email>(ResourceNames.Email)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

// Recommendation reads the catalogue (recommendationCacheFailure); Ad serves ads from its own table
// (adFailure, adHighCpu, adManualGc). Both only decorate the product page.
var recommendation = builder.AddService<Projects.Recommendation>(ResourceNames.Recommendation)
    .WithReference(productCatalog).WaitFor(productCatalog)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

var ad = builder.AddService<Projects.Ad>(ResourceNames.Ad)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

// The order path: checkout converts through currency, ships through shipping, charges through payment and
// publishes to Kafka, then asks email for the confirmation; accounting stores it.
var checkout = builder.AddService<Projects.Checkout>(ResourceNames.Checkout)
    .WithReference(cart).WaitFor(cart)
    .WithReference(productCatalog).WaitFor(productCatalog)
    .WithReference(currency).WaitFor(currency)
    .WithReference(shipping).WaitFor(shipping)
    .WithReference(payment).WaitFor(payment)
    .WithReference(email).WaitFor(email)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

builder.AddService<Projects.Accounting>(ResourceNames.Accounting)
    .WithStableDatabaseConventions()
    .WithReference(accountingDb).WaitFor(accountingDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

// A second consumer group on 'orders': scores each order with a few rules; kafkaQueueProblems slows it (its lag grows).
builder.AddService<Projects.FraudDetection>(ResourceNames.FraudDetection)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health");

var frontend = builder.AddService<Projects.Frontend>(ResourceNames.Frontend)
    .WithReference(productCatalog).WaitFor(productCatalog)
    .WithReference(cart).WaitFor(cart)
    .WithReference(checkout).WaitFor(checkout)
    .WithReference(currency).WaitFor(currency)
    .WithReference(recommendation)
    .WithReference(ad)
    .WithReference(flagService).WaitFor(flagService)
    .WithServiceHealthCheck("/health")
    .WithExternalHttpEndpoints();

// Synthetic shoppers, on by default with a few users; the dashboard's own Stop/Start switches them.
// `--LoadGenerator:Enabled=false` leaves them out (the tests and benches do: they count their own orders).
if (builder.Configuration.GetValue("LoadGenerator:Enabled", defaultValue: true))
{
    builder.AddService<Projects.LoadGenerator>(ResourceNames.LoadGenerator)
        .WithReference(frontend).WaitFor(frontend)
        .WithReference(flagService).WaitFor(flagService)
        .WithServiceHealthCheck("/health");
}

builder.AddStartupSummary(frontend);

builder.Build().Run();
