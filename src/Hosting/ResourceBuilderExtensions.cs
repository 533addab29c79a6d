using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>The <c>With*</c> and <c>WaitFor</c> methods shared by every resource, as in Aspire.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Gives the resource the connection string of <paramref name="source"/> as
    /// <c>ConnectionStrings__{name}</c>:
    /// <code>builder.AddProject&lt;Projects.Cart&gt;("cart").WithReference(redis);</code>
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder,
        IResourceBuilder<IResourceWithConnectionString> source, string? connectionName = null)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        var resource = source.Resource;
        var name = $"ConnectionStrings__{connectionName ?? resource.Name}";
        builder.Resource.Annotations.Add(new ReferenceAnnotation(resource));
        builder.Resource.Annotations.RemoveAll(a => a is EnvironmentAnnotation e && e.Name == name);
        builder.Resource.Annotations.Add(new EnvironmentAnnotation(name, new EnvironmentValue(resource.GetConnectionStringAsync, false)) { Source = resource });
        return builder;
    }

    /// <summary>
    /// Gives the resource the address of every replica of <paramref name="source"/> as
    /// <c>services__{name}__{endpoint}__{i}</c> (i = 0..replicas-1):
    /// <code>builder.AddProject&lt;Projects.Frontend&gt;("frontend").WithReference(cart);</code>
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithEndpoints> source)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        var resource = source.Resource;
        builder.Resource.Annotations.Add(new ReferenceAnnotation(resource));
        builder.Resource.Annotations.Add(new ServiceReferenceAnnotation(resource));
        return builder;
    }

    /// <summary>
    /// Holds the resource in <c>Waiting</c> until <paramref name="dependency"/> is healthy:
    /// <code>builder.AddProject&lt;Projects.Cart&gt;("cart").WithReference(redis).WaitFor(redis);</code>
    /// </summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new InvalidOperationException($"Resource '{builder.Resource.Name}' cannot wait for itself.");
        }

        builder.Resource.Annotations.Add(new WaitAnnotation(dependency.Resource));
        return builder;
    }

    /// <summary>Sets an environment variable: <code>.WithEnvironment("Flags__File", path)</code></summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment =>
        builder.WithEnvironment(name, EnvironmentValue.Literal(value));

    /// <summary>Sets an environment variable from a parameter (masked when secret):
    /// <code>.WithEnvironment("Flags__AdminToken", adminToken)</code></summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var resource = parameter.Resource;
        return builder.WithEnvironment(name, new EnvironmentValue(resource.GetValueAsync, resource.Secret));
    }

    /// <summary>Sets an environment variable from a value resolved when the process starts.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, EnvironmentValue value)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        builder.Resource.Annotations.RemoveAll(a => a is EnvironmentAnnotation e && e.Name == name);
        builder.Resource.Annotations.Add(new EnvironmentAnnotation(name, value));
        return builder;
    }

    /// <summary>Command-line arguments of the process.</summary>
    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params string[] args)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Annotations.RemoveAll(a => a is CommandLineArgsAnnotation);
        builder.Resource.Annotations.Add(new CommandLineArgsAnnotation(args));
        return builder;
    }

    /// <summary>Runs <paramref name="replicas"/> processes, each on its own port:
    /// <code>builder.AddProject&lt;Projects.Cart&gt;("cart").WithReplicas(2);</code></summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Annotations.RemoveAll(a => a is ReplicaAnnotation);
        builder.Resource.Annotations.Add(new ReplicaAnnotation(replicas));
        return builder;
    }

    /// <summary>
    /// Adds (or changes) an HTTP endpoint. <paramref name="port"/> fixes the port; null takes a free
    /// one. For an executable, <paramref name="env"/> names the variable that receives the port.
    /// </summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, string? name = null, string? env = null)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        name ??= "http";
        var existing = builder.Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == name);
        var isExternal = existing?.IsExternal ?? false;
        if (existing is not null)
        {
            builder.Resource.Annotations.Remove(existing);
        }

        builder.Resource.Annotations.Add(new EndpointAnnotation(name, "http", port, isExternal) { PortEnvironmentVariable = env });
        return builder;
    }

    /// <summary>Marks the HTTP endpoints as meant for people (printed first: the storefront).</summary>
    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var endpoint in builder.Resource.Annotations.OfType<EndpointAnnotation>())
        {
            endpoint.IsExternal = true;
        }

        return builder;
    }

    /// <summary>The resource is healthy once GET <paramref name="path"/> on each replica answers 2xx:
    /// <code>.WithHttpHealthCheck("/health")</code></summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health", string endpointName = "http")
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        builder.Resource.Annotations.RemoveAll(a => a is HealthCheckAnnotation);
        builder.Resource.Annotations.Add(new HealthCheckAnnotation(path, endpointName));
        return builder;
    }
}

/// <summary>Records a service reference (<c>services__x__http__i</c>) resolved once ports are allocated.</summary>
public sealed record ServiceReferenceAnnotation(IResource Resource) : IResourceAnnotation;
