using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Hosting.Orchestration;

/// <summary>Resource states, named as Aspire's <c>KnownResourceStates</c>.</summary>
public static class KnownResourceStates
{
    /// <summary>Declared, not started yet.</summary>
    public const string NotStarted = "NotStarted";

    /// <summary>Held by <c>WaitFor</c> until its dependencies are healthy.</summary>
    public const string Waiting = "Waiting";

    /// <summary>Being started.</summary>
    public const string Starting = "Starting";

    /// <summary>Running (see the health status for readiness).</summary>
    public const string Running = "Running";

    /// <summary>What the resource needs from the machine is missing (a binary, a library).</summary>
    public const string RuntimeUnhealthy = "RuntimeUnhealthy";

    /// <summary>Stopped, by request or unexpectedly with a non-zero exit code.</summary>
    public const string Exited = "Exited";

    /// <summary>Could not start (see the message).</summary>
    public const string FailedToStart = "FailedToStart";

    /// <summary>Being stopped.</summary>
    public const string Stopping = "Stopping";

    /// <summary>Ran to completion by itself with exit code 0.</summary>
    public const string Finished = "Finished";

    /// <summary>States after which a resource does nothing until started again.</summary>
    public static bool IsTerminal(string state) =>
        state is Exited or FailedToStart or Finished or RuntimeUnhealthy;
}

/// <summary>What the engine knows about a resource at one moment.</summary>
/// <param name="Name">Resource name.</param>
/// <param name="ResourceType">Project, Executable, Redis, Postgres, PostgresDatabase, Kafka, Parameter, ConnectionString.</param>
/// <param name="State">One of <see cref="KnownResourceStates"/>.</param>
/// <param name="HealthStatus">Null until running; Healthy once its health check passes.</param>
/// <param name="Urls">Endpoint URLs (one per replica).</param>
/// <param name="Environment">Environment given to the process, secrets masked.</param>
/// <param name="ExitCode">Exit code after the process ended.</param>
/// <param name="ProcessIds">Process ids of the running replicas.</param>
/// <param name="Message">Why it failed, what to do (e.g. the package to install).</param>
/// <param name="StartedAt">When it was last started.</param>
public sealed record ResourceSnapshot(
    string Name,
    string ResourceType,
    string State,
    HealthStatus? HealthStatus,
    IReadOnlyList<string> Urls,
    IReadOnlyDictionary<string, string> Environment,
    int? ExitCode,
    IReadOnlyList<int> ProcessIds,
    string? Message,
    DateTimeOffset? StartedAt)
{
    /// <summary>True when running and healthy.</summary>
    public bool IsHealthy => State == KnownResourceStates.Running && HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
}
