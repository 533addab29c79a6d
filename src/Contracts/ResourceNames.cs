namespace Platform.Contracts;

/// <summary>
/// The names of the AppHost's resources. A service finds a data store under
/// <c>ConnectionStrings:&lt;name&gt;</c> and another service under <c>services:&lt;name&gt;:http:0</c>,
/// so the AppHost, the services and the tests must agree on these exact strings.
/// <code>builder.AddRedisClient(ResourceNames.Redis);</code>
/// </summary>
public static class ResourceNames
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
    public const string Shipping = "shipping";
    public const string Quote = "quote";
    public const string Currency = "currency";
    public const string Email = "email";
    public const string Recommendation = "recommendation";
    public const string Ad = "ad";
    public const string FraudDetection = "frauddetection";
    public const string LoadGenerator = "loadgenerator";

    /// <summary>The secret parameter that guards FlagService's admin API.</summary>
    public const string FlagsAdminToken = "flags-admin-token";
}
