using Platform.Deploy;
using Platform.Deploy.Manifest;
using Platform.Deploy.Model;

namespace Deploy.Generator.Tests;

public sealed class ExpressionResolverTests
{
    private static readonly ExpressionResolver Resolver =
        new(DeployModel.From(AspireManifest.Load(Repository.Fixture("aspire-manifest.json"))));

    [Fact]
    public void Project_url_becomes_the_service_dns_name_on_the_container_port()
    {
        var value = Resolver.Resolve("{checkout.bindings.http.url}", "test");

        Assert.Equal("http://checkout:8080", value.Text);
        Assert.Equal(["checkout"], value.References);
        Assert.False(value.IsSecret);
    }

    [Theory]
    [InlineData("{frontend.bindings.http.targetPort}", "8080")]
    [InlineData("{cart.bindings.http.host}", "cart")]
    [InlineData("{cart.bindings.http.port}", "8080")]
    [InlineData("{cart.bindings.http.scheme}", "http")]
    [InlineData("{redis.bindings.tcp.host}:{redis.bindings.tcp.port}", "redis:6379")]
    [InlineData("{postgres.bindings.tcp.host}", "postgres-rw")]
    [InlineData("{kafka.connectionString}", "kafka-kafka-bootstrap:9092")]
    public void Bindings_and_connection_strings_resolve_to_in_cluster_addresses(string expression, string expected) =>
        Assert.Equal(expected, Resolver.Resolve(expression, "test").Text);

    [Fact]
    public void Secret_parameter_becomes_an_external_secrets_placeholder_never_a_value()
    {
        var value = Resolver.Resolve("{redis.connectionString}", "test");

        Assert.Equal("redis:6379,password={{ .redis_password }}", value.Text);
        var source = Assert.Single(value.Secrets);
        Assert.Equal(("redis", "password"), (source.Key, source.Property));
    }

    [Fact]
    public void Database_connection_string_goes_through_its_server_to_the_application_user()
    {
        var value = Resolver.Resolve("{accountingdb.connectionString}", "test");

        Assert.Equal("Host=postgres-rw;Port=5432;Username={{ .postgres_username }};Password={{ .postgres_password }};Database=accountingdb", value.Text);
        Assert.Equal(["postgres"], value.References);
        Assert.Equal(["postgres_password", "postgres_username"], value.Secrets.Select(s => s.TemplateKey));
        Assert.All(value.Secrets, s => Assert.Equal("postgresql", s.Key));
    }

    [Theory]
    [InlineData("{flags-admin-token.value}")]
    [InlineData("{flags-admin-token.inputs.value}")]
    public void Parameter_value_and_inputs_value_are_the_same_secret(string expression)
    {
        var value = Resolver.Resolve(expression, "test");

        Assert.Equal("{{ .flags_admin_token }}", value.Text);
        Assert.Equal(("flagservice-admin-token", "token"), (value.Secrets[0].Key, value.Secrets[0].Property));
    }

    [Fact]
    public void Non_secret_parameter_resolves_to_its_default()
    {
        var manifest = AspireManifest.Parse("""
            {"resources": {"region": {"type": "parameter.v0", "value": "{region.inputs.value}", "inputs": {"value": {"type": "string", "default": {"value": "eu-west-1"}}}}}}
            """);

        var value = new ExpressionResolver(DeployModel.From(manifest)).Resolve("{region.value}", "test");

        Assert.Equal("eu-west-1", value.Text);
        Assert.False(value.IsSecret);
    }

    [Fact]
    public void Https_endpoint_is_reported_not_silently_rewritten() =>
        Assert.Throws<HttpsBindingException>(() => Resolver.Resolve("{cart.bindings.https.url}", "test"));

    [Theory]
    [InlineData("{nowhere.connectionString}", "no resource 'nowhere'")]
    [InlineData("{cart.bindings.grpc.url}", "no binding 'grpc'")]
    [InlineData("{cart.bindings.http.path}", "not 'path'")]
    [InlineData("{cart.volumes}", "cannot resolve 'volumes'")]
    public void Unknown_expression_is_an_error_naming_it(string expression, string expected)
    {
        var error = Assert.Throws<GeneratorException>(() => Resolver.Resolve(expression, "checkout: env X"));

        Assert.Contains(expected, error.Message);
        Assert.Contains("checkout: env X", error.Message);
    }

    [Fact]
    public void Uri_format_encodes_plain_values_and_asks_external_secrets_to_encode_secrets()
    {
        var value = Resolver.Resolve("redis://:{redis-password.value:uri}@{redis.bindings.tcp.host}:{redis.bindings.tcp.port}", "test");

        Assert.Equal("redis://:{{ .redis_password | urlquery }}@redis:6379", value.Text);
        Assert.True(value.IsSecret);
    }

    [Fact]
    public void Braces_that_are_not_an_expression_are_an_error_not_left_in_place()
    {
        var error = Assert.Throws<GeneratorException>(() => Resolver.Resolve("Host={postgres bindings};", "accounting: env X"));

        Assert.Contains("{postgres bindings}", error.Message);
    }

    [Fact]
    public void Annotated_string_applies_its_uri_filter()
    {
        var value = Resolver.Resolve("{redis-password-uri-encoded.value}", "test");

        Assert.Equal("{{ .redis_password | urlquery }}", value.Text);
    }

    [Fact]
    public void Conditional_value_with_an_empty_connection_string_adds_nothing() =>
        Assert.Equal("redis:6379,password={{ .redis_password }}", Resolver.Resolve("{redis.connectionString}", "test").Text);
}
