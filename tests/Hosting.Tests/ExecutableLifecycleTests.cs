using Platform.Hosting;
using Platform.Hosting.Orchestration;
using Platform.Hosting.Testing;

namespace Hosting.Tests;

public sealed class ExecutableLifecycleTests : IAsyncLifetime
{
    private DistributedApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("worker", "sh", ".", "-c", "echo worker-started; exec sleep 1000");
        builder.AddExecutable("crasher", "sh", ".", "-c", "echo loading; echo fatal: config missing >&2; sleep 0.3; exit 3");
        builder.AddExecutable("bystander", "sleep", ".", "1000");
        builder.AddExecutable("missing", "no-such-program-xyz", ".");
        _app = await builder.BuildAsync();
        await _app.StartAsync(TestApp.Timeout());
        await _app.WaitForResourceHealthyAsync("worker", TestApp.Timeout());
        await _app.WaitForResourceHealthyAsync("bystander", TestApp.Timeout());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Output_is_captured_per_resource()
    {
        var lines = await _app.WaitForLogAsync("worker", l => l == "worker-started");

        Assert.DoesNotContain(_app.ResourceLogs.GetLines("bystander"), l => l.Text == "worker-started");
        Assert.Contains(lines, l => l.Text == "worker-started" && !l.IsError);
    }

    [Fact]
    public async Task Stop_then_start_one_resource_while_the_rest_runs()
    {
        var before = _app.ResourceNotifications.Get("worker").ProcessIds.Single();

        await _app.StopResourceAsync("worker", TestApp.Timeout());
        var stopped = _app.ResourceNotifications.Get("worker");
        Assert.Equal(KnownResourceStates.Exited, stopped.State);
        Assert.False(TestApp.IsAlive(before));
        Assert.True(_app.ResourceNotifications.Get("bystander").IsHealthy);

        await _app.StartResourceAsync("worker", TestApp.Timeout());
        var restarted = await _app.WaitForResourceHealthyAsync("worker", TestApp.Timeout());
        Assert.NotEqual(before, restarted.ProcessIds.Single());
        Assert.True(TestApp.IsAlive(restarted.ProcessIds.Single()));
    }

    [Fact]
    public async Task Restart_replaces_the_process()
    {
        var before = _app.ResourceNotifications.Get("bystander").ProcessIds.Single();

        await _app.RestartResourceAsync("bystander", TestApp.Timeout());

        var after = await _app.WaitForResourceHealthyAsync("bystander", TestApp.Timeout());
        Assert.NotEqual(before, after.ProcessIds.Single());
        Assert.True(await TestApp.AllGoneAsync([before]));
    }

    [Fact]
    public async Task An_unexpected_exit_is_reported_with_its_code_and_last_lines()
    {
        var crashed = await _app.ResourceNotifications.WaitForResourceAsync("crasher", KnownResourceStates.Exited, TestApp.Timeout());

        Assert.Equal(3, crashed.ExitCode);
        Assert.Contains("fatal: config missing", crashed.Message);
        Assert.Contains("loading", crashed.Message);
    }

    [Fact]
    public async Task A_missing_program_fails_to_start_with_a_clear_message()
    {
        var missing = await _app.ResourceNotifications.WaitForResourceAsync("missing", KnownResourceStates.FailedToStart, TestApp.Timeout());

        Assert.Contains("no-such-program-xyz", missing.Message);
        Assert.Contains("not found", missing.Message);
    }
}
