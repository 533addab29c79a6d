using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Hosting.Orchestration;

/// <summary>
/// The current snapshot of every resource and a way to wait for a state (Aspire's
/// <c>ResourceNotificationService</c>).
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<(string Name, Func<ResourceSnapshot, bool?> Predicate, TaskCompletionSource<ResourceSnapshot> Source)> _waiters = [];

    /// <summary>Raised after every change (state, health, endpoints).</summary>
    public event Action<ResourceSnapshot, ResourceSnapshot?>? SnapshotChanged;

    /// <summary>Every resource's current snapshot, in declaration order.</summary>
    public IReadOnlyList<ResourceSnapshot> Snapshots => [.. _order.Select(n => _snapshots[n])];

    private readonly List<string> _order = [];

    /// <summary>The current snapshot of <paramref name="name"/>.</summary>
    public ResourceSnapshot Get(string name) =>
        _snapshots.TryGetValue(name, out var snapshot) ? snapshot : throw new KeyNotFoundException($"No resource named '{name}'.");

    /// <summary>True when a resource of that name exists.</summary>
    public bool Contains(string name) => _snapshots.ContainsKey(name);

    internal void Register(ResourceSnapshot snapshot)
    {
        lock (_gate)
        {
            _order.Add(snapshot.Name);
            _snapshots[snapshot.Name] = snapshot;
        }
    }

    /// <summary>Changes a snapshot and wakes whoever waits for the new state.</summary>
    internal ResourceSnapshot Publish(string name, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        ResourceSnapshot previous, next;
        List<(TaskCompletionSource<ResourceSnapshot> Source, bool Succeeded)> completed = [];
        lock (_gate)
        {
            previous = _snapshots[name];
            next = update(previous);
            _snapshots[name] = next;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var waiter = _waiters[i];
                if (waiter.Name != name)
                {
                    continue;
                }

                var outcome = waiter.Predicate(next);
                if (outcome is not null)
                {
                    completed.Add((waiter.Source, outcome.Value));
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var (source, succeeded) in completed)
        {
            if (succeeded)
            {
                source.TrySetResult(next);
            }
            else
            {
                source.TrySetException(new ResourceFailedException(next));
            }
        }

        if (previous != next)
        {
            SnapshotChanged?.Invoke(next, previous);
        }

        return next;
    }

    /// <summary>
    /// Waits until <paramref name="predicate"/> answers true (returns the snapshot) or false (throws
    /// <see cref="ResourceFailedException"/>); null keeps waiting.
    /// </summary>
    public Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool?> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var source = new TaskCompletionSource<ResourceSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var current = Get(name);
            var outcome = predicate(current);
            if (outcome is true)
            {
                return Task.FromResult(current);
            }

            if (outcome is false)
            {
                return Task.FromException<ResourceSnapshot>(new ResourceFailedException(current));
            }

            _waiters.Add((name, predicate, source));
        }

        return source.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits until the resource is in <paramref name="state"/>.</summary>
    public Task<ResourceSnapshot> WaitForResourceAsync(string name, string state, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, s => s.State == state ? true : null, cancellationToken);

    /// <summary>
    /// Waits until the resource is running and healthy; throws <see cref="ResourceFailedException"/>
    /// when it fails to start or exits first.
    /// </summary>
    public Task<ResourceSnapshot> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, s => s.IsHealthy ? true : KnownResourceStates.IsTerminal(s.State) ? false : null, cancellationToken);

    internal static ResourceSnapshot Initial(string name, string type) =>
        new(name, type, KnownResourceStates.NotStarted, null, [], new Dictionary<string, string>(), null, [], null, null);
}

/// <summary>Thrown when a resource one waits for fails to start or exits.</summary>
public sealed class ResourceFailedException(ResourceSnapshot snapshot)
    : Exception($"Resource '{snapshot.Name}' is {snapshot.State}{(snapshot.ExitCode is { } code ? $" (exit code {code})" : "")}{(snapshot.Message is { } m ? $": {m}" : "")}")
{
    /// <summary>The snapshot that made the wait fail.</summary>
    public ResourceSnapshot Snapshot { get; } = snapshot;
}

/// <summary>Shorthand for <see cref="HealthStatus"/> values.</summary>
internal static class Health
{
    public const HealthStatus Healthy = HealthStatus.Healthy;
    public const HealthStatus Unhealthy = HealthStatus.Unhealthy;
}
