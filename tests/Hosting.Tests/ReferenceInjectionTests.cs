using Platform.Hosting;
using Platform.Hosting.Testing;

namespace Hosting.Tests;

/// <summary>What WithReference, WithEnvironment and the project defaults put in a process's environment.</summary>
public sealed class ReferenceInjectionTests : IAsyncLifetime
{
    private DistributedApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["ConnectionStrings:orders"] = "127.0.0.1:19092";
        builder.Configuration["Dashboard:OtlpEndpoint"] = "http://127.0.0.1:14317";
        var orders = builder.AddConnectionString("orders");
        var backend = builder.AddTestApp("backend", "env").WithReplicas(2);
        builder.AddTestApp("client", "env")
            .WithReference(orders)
            .WithReference(backend)
            .WithEnvironment("Feature__Name", "on");
        _app = await builder.BuildAsync();
        await _app.StartAsync(TestApp.Timeout());
        await _app.WaitForResourceHealthyAsync("client", TestApp.Timeout());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Connection_string_reference_is_ConnectionStrings__name()
    {
        var environment = await _app.PrintedEnvironmentAsync("client");

        Assert.Equal("127.0.0.1:19092", environment["ConnectionStrings__orders"]);
    }

    [Fact]
    public async Task Service_reference_lists_every_replica_as_services__name__http__i()
    {
        var environment = await _app.PrintedEnvironmentAsync("client");

        Assert.Equal(_app.GetEndpoint("backend", replica: 0).ToString().TrimEnd('/'), environment["services__backend__http__0"]);
        Assert.Equal(_app.GetEndpoint("backend", replica: 1).ToString().TrimEnd('/'), environment["services__backend__http__1"]);
        Assert.NotEqual(environment["services__backend__http__0"], environment["services__backend__http__1"]);
    }

    [Fact]
    public async Task Project_gets_its_url_and_the_OpenTelemetry_variables()
    {
        var environment = await _app.PrintedEnvironmentAsync("client");

        Assert.Equal(_app.GetEndpoint("client").ToString().TrimEnd('/'), environment["ASPNETCORE_URLS"]);
        Assert.StartsWith("http://127.0.0.1:", environment["ASPNETCORE_URLS"]);
        Assert.Equal("client", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=client-0", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("http://127.0.0.1:14317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("on", environment["Feature__Name"]);
    }

    [Fact]
    public async Task Each_replica_has_its_own_instance_id()
    {
        var second = await _app.PrintedEnvironmentAsync("backend", replica: 1);

        Assert.Equal("service.instance.id=backend-1", second["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(2, _app.ResourceNotifications.Get("backend").ProcessIds.Count);
    }
}
