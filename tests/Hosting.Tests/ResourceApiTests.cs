using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Hosting;
using Platform.Hosting.Orchestration;
using Platform.Hosting.Testing;

namespace Hosting.Tests;

public sealed class ResourceApiTests : IAsyncLifetime
{
    private DistributedApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var secret = builder.AddParameter("api-secret", "s3cr3t-value", secret: true);
        builder.AddExecutable("worker", "sh", ".", "-c", "echo api-line; exec sleep 1000").WithEnvironment("Secret", secret);
        _app = await builder.BuildAsync();
        await _app.StartAsync(TestApp.Timeout());
        await _app.WaitForAllHealthyAsync(TestApp.Timeout());
        _http = new HttpClient { BaseAddress = _app.ApiUrl };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Lists_resources_with_state_and_masked_environment()
    {
        var resources = await _http.GetFromJsonAsync<JsonElement>("api/resources");

        var worker = resources.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "worker");
        Assert.Equal("Running", worker.GetProperty("state").GetString());
        Assert.Equal("Healthy", worker.GetProperty("healthStatus").GetString());
        Assert.Equal("******", worker.GetProperty("environment").GetProperty("Secret").GetString());
        Assert.DoesNotContain("s3cr3t-value", resources.GetRawText());
    }

    [Fact]
    public async Task Serves_console_logs_of_a_resource()
    {
        await _app.WaitForLogAsync("worker", l => l == "api-line");

        var lines = await _http.GetFromJsonAsync<JsonElement>("api/resources/worker/logs?tail=10");

        Assert.Contains(lines.EnumerateArray(), l => l.GetProperty("text").GetString() == "api-line");
    }

    [Fact]
    public async Task Commands_without_the_token_are_refused()
    {
        using var response = await _http.PostAsync("api/resources/worker/stop", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(KnownResourceStates.Running, _app.ResourceNotifications.Get("worker").State);
    }

    [Fact]
    public async Task Restart_with_the_token_replaces_the_process()
    {
        var before = _app.ResourceNotifications.Get("worker").ProcessIds.Single();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/resources/worker/restart");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _app.ApiToken);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var after = await _app.WaitForResourceHealthyAsync("worker", TestApp.Timeout());
        Assert.NotEqual(before, after.ProcessIds.Single());
    }

    [Fact]
    public async Task An_unknown_resource_is_404()
    {
        using var response = await _http.GetAsync("api/resources/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
