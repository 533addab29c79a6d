namespace Platform.Hosting.ApplicationModel;

/// <summary>An endpoint of a resource. Each replica gets its own port (<see cref="AllocatedPorts"/>).</summary>
public sealed class EndpointAnnotation(string name, string scheme, int? port, bool isExternal) : IResourceAnnotation
{
    /// <summary>Endpoint name (<c>http</c> by default); the key in <c>services__x__{name}__0</c>.</summary>
    public string Name { get; } = name;

    /// <summary>URI scheme (<c>http</c>).</summary>
    public string Scheme { get; } = scheme;

    /// <summary>A fixed port asked for by the model; null means a free port chosen at start.</summary>
    public int? Port { get; } = port;

    /// <summary>True when the endpoint is meant for people (the storefront): listed first on the console.</summary>
    public bool IsExternal { get; set; } = isExternal;

    /// <summary>For an executable: the variable that receives the allocated port (e.g. <c>PORT</c>).</summary>
    public string? PortEnvironmentVariable { get; init; }

    /// <summary>Ports allocated at start, one per replica.</summary>
    public IReadOnlyList<int> AllocatedPorts { get; internal set; } = [];

    /// <summary>The URL of each replica, e.g. <c>http://127.0.0.1:41231</c>.</summary>
    public IEnumerable<string> Urls => AllocatedPorts.Select(p => $"{Scheme}://127.0.0.1:{p}");
}

/// <summary>An environment variable given to a resource's process.</summary>
public sealed class EnvironmentAnnotation(string name, EnvironmentValue value) : IResourceAnnotation
{
    /// <summary>Variable name.</summary>
    public string Name { get; } = name;

    /// <summary>How the value is obtained at start.</summary>
    public EnvironmentValue Value { get; } = value;

    /// <summary>The resource the value comes from (<c>WithReference</c>), if any.</summary>
    public IResource? Source { get; init; }
}

/// <summary>
/// A value resolved when the process starts: a literal, a parameter, another resource's
/// connection string or endpoint. <see cref="IsSecret"/> values are masked in the API and console.
/// </summary>
public sealed class EnvironmentValue(Func<CancellationToken, ValueTask<string>> resolve, bool isSecret)
{
    /// <summary>True when the value must never be shown.</summary>
    public bool IsSecret { get; } = isSecret;

    /// <summary>Resolves the value (may wait for the resource that provides it).</summary>
    public ValueTask<string> ResolveAsync(CancellationToken cancellationToken) => resolve(cancellationToken);

    /// <summary>A literal value.</summary>
    public static EnvironmentValue Literal(string value) => new(_ => ValueTask.FromResult(value), false);
}

/// <summary><c>WaitFor</c>: the resource starts only once <see cref="Resource"/> is healthy.</summary>
public sealed record WaitAnnotation(IResource Resource) : IResourceAnnotation;

/// <summary><c>WithReference</c>: records the relationship (dependency graph, stop order).</summary>
public sealed record ReferenceAnnotation(IResource Resource) : IResourceAnnotation;

/// <summary><c>WithHttpHealthCheck</c>: the resource is healthy once GET <see cref="Path"/> answers 2xx.</summary>
public sealed record HealthCheckAnnotation(string Path, string EndpointName) : IResourceAnnotation;

/// <summary><c>WithReplicas</c>: number of processes started for a project.</summary>
public sealed record ReplicaAnnotation(int Replicas) : IResourceAnnotation;

/// <summary>Command-line arguments of an executable or project.</summary>
public sealed record CommandLineArgsAnnotation(IReadOnlyList<string> Args) : IResourceAnnotation;
