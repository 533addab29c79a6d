using System.Collections.Concurrent;
using Platform.Hosting;
using Platform.Hosting.Orchestration;
using Platform.Hosting.Testing;

namespace Hosting.Tests;

public sealed class WaitForTests
{
    [Fact]
    public async Task A_resource_waits_until_its_dependency_is_healthy()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var slow = builder.AddTestApp("slow", "http", "1500").WithHttpHealthCheck("/health");
        builder.AddExecutable("dependent", "sleep", ".", "1000").WaitFor(slow);
        await using var app = await builder.BuildAsync();
        var changes = new ConcurrentQueue<ResourceSnapshot>();
        app.ResourceNotifications.SnapshotChanged += (snapshot, _) => changes.Enqueue(snapshot);

        await app.StartAsync(TestApp.Timeout());
        await app.WaitForResourceHealthyAsync("dependent", TestApp.Timeout());

        var history = changes.ToList();
        var slowHealthy = history.FindIndex(s => s is { Name: "slow", IsHealthy: true });
        var dependentWaiting = history.FindIndex(s => s is { Name: "dependent", State: KnownResourceStates.Waiting });
        var dependentStarting = history.FindIndex(s => s is { Name: "dependent", State: KnownResourceStates.Starting });
        Assert.True(dependentWaiting >= 0 && dependentWaiting < slowHealthy, "dependent was Waiting before slow was healthy");
        Assert.True(dependentStarting > slowHealthy, "dependent started only after slow was healthy");
    }

    [Fact]
    public async Task A_resource_fails_to_start_when_its_dependency_fails()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var broken = builder.AddExecutable("broken", "no-such-program-xyz", ".");
        builder.AddExecutable("dependent", "sleep", ".", "1000").WaitFor(broken);
        await using var app = await builder.BuildAsync();

        await app.StartAsync(TestApp.Timeout());
        var dependent = await app.ResourceNotifications.WaitForResourceAsync("dependent", KnownResourceStates.FailedToStart, TestApp.Timeout());

        Assert.Contains("broken", dependent.Message);
        Assert.Empty(dependent.ProcessIds);
    }

    [Fact]
    public async Task Stop_goes_in_reverse_dependency_order()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var first = builder.AddExecutable("first", "sleep", ".", "1000");
        var second = builder.AddExecutable("second", "sleep", ".", "1000").WaitFor(first);
        builder.AddExecutable("third", "sleep", ".", "1000").WaitFor(second);
        var app = await builder.BuildAsync();
        await app.StartAsync(TestApp.Timeout());
        await app.WaitForAllHealthyAsync(TestApp.Timeout());
        var exits = new ConcurrentQueue<string>();
        app.ResourceNotifications.SnapshotChanged += (snapshot, _) =>
        {
            if (snapshot.State == KnownResourceStates.Exited)
            {
                exits.Enqueue(snapshot.Name);
            }
        };

        await app.DisposeAsync();

        Assert.Equal(["third", "second", "first"], exits.ToArray());
    }
}
