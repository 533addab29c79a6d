namespace Platform.Hosting.ApplicationModel;

/// <summary>A resource of the app model: a server, a project, an executable, a parameter.</summary>
public interface IResource
{
    /// <summary>The unique, lower-case name (e.g. <c>cart</c>).</summary>
    string Name { get; }

    /// <summary>What is attached to the resource: endpoints, environment, references, waits.</summary>
    ResourceAnnotationCollection Annotations { get; }
}

/// <summary>Marker for annotations attached to a resource.</summary>
public interface IResourceAnnotation;

/// <summary>The annotations of one resource.</summary>
public sealed class ResourceAnnotationCollection : List<IResourceAnnotation>;

/// <summary>A resource other resources reach through <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string once the resource is allocated (waits until then).</summary>
    ValueTask<string> GetConnectionStringAsync(CancellationToken cancellationToken = default);
}

/// <summary>A resource that has HTTP endpoints (<c>services__{name}__http__{i}</c>).</summary>
public interface IResourceWithEndpoints : IResource;

/// <summary>A resource that receives environment variables.</summary>
public interface IResourceWithEnvironment : IResource;

/// <summary>A resource that can wait for others (<c>WaitFor</c>).</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>A resource that lives inside another (a database in a server).</summary>
public interface IResourceWithParent : IResource
{
    /// <summary>The resource that hosts this one.</summary>
    IResource Parent { get; }
}

/// <summary>Base of every resource: a name and its annotations.</summary>
public abstract class Resource : IResource
{
    /// <summary>Creates a resource named <paramref name="name"/>.</summary>
    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ResourceAnnotationCollection Annotations { get; } = [];

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// A value known only at run time (a port, a password) that resources publish once and
/// dependents await.
/// </summary>
public sealed class RuntimeValue<T>
{
    private TaskCompletionSource<T> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once a value was set.</summary>
    public bool IsSet => _source.Task.IsCompletedSuccessfully;

    /// <summary>Sets (or replaces) the value.</summary>
    public void Set(T value)
    {
        if (!_source.TrySetResult(value))
        {
            _source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _source.SetResult(value);
        }
    }

    /// <summary>Waits for the value.</summary>
    public async ValueTask<T> GetAsync(CancellationToken cancellationToken) =>
        await _source.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
}
