using System.Net;
using Platform.Hosting;
using Platform.Hosting.Orchestration;
using Platform.Hosting.Testing;

namespace Hosting.Tests;

public sealed class TestingBuilderTests
{
    [Fact]
    public async Task CreateHttpClient_targets_the_resource_endpoint()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddTestApp("web", "http", "0").WithHttpHealthCheck("/health");
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestApp.Timeout());
        await app.WaitForResourceHealthyAsync("web", TestApp.Timeout());

        using var http = app.CreateHttpClient("web");
        using var response = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", http.BaseAddress!.Host);
    }

    [Fact]
    public async Task A_restarted_project_serves_again_on_the_same_port()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddTestApp("web", "http", "0").WithHttpHealthCheck("/health");
        await using var app = await builder.BuildAsync();
        await app.StartAsync(TestApp.Timeout());
        await app.WaitForResourceHealthyAsync("web", TestApp.Timeout());
        using var http = app.CreateHttpClient("web");
        (await http.GetAsync("/health")).Dispose();

        await app.RestartResourceAsync("web", TestApp.Timeout());
        await app.WaitForResourceHealthyAsync("web", TestApp.Timeout());

        using var response = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dispose_stops_every_process_and_deletes_the_data_directory()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("worker", "sleep", ".", "1000");
        var app = await builder.BuildAsync();
        await app.StartAsync(TestApp.Timeout());
        var worker = await app.WaitForResourceHealthyAsync("worker", TestApp.Timeout());

        await app.DisposeAsync();

        Assert.False(TestApp.IsAlive(worker.ProcessIds.Single()));
        Assert.False(Directory.Exists(app.DataDirectory));
        Assert.StartsWith(Path.GetTempPath(), app.DataDirectory);
    }

    [Fact]
    public async Task A_removed_resource_is_neither_started_nor_waited_for()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        builder.AddTestApp("service", "env").WithReference(redis).WaitFor(redis);
        builder.RemoveResource("redis");
        await using var app = await builder.BuildAsync();

        await app.StartAsync(TestApp.Timeout());
        var service = await app.WaitForResourceHealthyAsync("service", TestApp.Timeout());

        Assert.DoesNotContain(app.ResourceNotifications.Snapshots, s => s.Name == "redis");
        Assert.DoesNotContain("ConnectionStrings__redis", service.Environment.Keys);
    }

    [Fact]
    public async Task A_fixed_port_is_replaced_by_a_free_one_in_tests()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddTestApp("web", "http", "0").WithHttpEndpoint(port: 5100).WithHttpHealthCheck("/health");
        await using var app = await builder.BuildAsync();

        await app.StartAsync(TestApp.Timeout());
        var web = await app.WaitForResourceHealthyAsync("web", TestApp.Timeout());

        Assert.NotEqual(5100, app.GetEndpoint("web").Port);
        Assert.Equal(KnownResourceStates.Running, web.State);
    }
}
