using System.Reflection;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>The app model builder behind <see cref="DistributedApplication.CreateBuilder(string[])"/>.</summary>
public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];

    /// <summary>Creates a builder; configuration reads <c>appsettings.json</c> of the AppHost, the environment and the command line.</summary>
    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        options.AppHostDirectory ??= FindAppHostDirectory();
        var args = options.Args.Where(a => a != "--fresh").ToArray();
        options.Fresh |= options.Args.Contains("--fresh");
        Configuration = new ConfigurationManager();
        Configuration.SetBasePath(options.AppHostDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile("appsettings.Development.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        options.DataDirectory = Path.GetFullPath(options.DataDirectory
            ?? Configuration["AppHost:DataDirectory"]
            ?? Path.Combine(FindRepositoryRoot(options.AppHostDirectory), ".apphost"));
    }

    /// <inheritdoc />
    public ConfigurationManager Configuration { get; }

    /// <inheritdoc />
    public DistributedApplicationOptions Options { get; }

    /// <inheritdoc />
    public IReadOnlyList<IResource> Resources => _resources;

    /// <inheritdoc />
    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    /// <inheritdoc />
    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource =>
        _resources.Contains(resource)
            ? new ResourceBuilder<T>(resource, this)
            : throw new InvalidOperationException($"Resource '{resource.Name}' is not in the model.");

    /// <summary>A builder for the resource named <paramref name="name"/>.</summary>
    public IResourceBuilder<IResource> CreateResourceBuilder(string name) =>
        new ResourceBuilder<IResource>(_resources.SingleOrDefault(r => r.Name == name)
            ?? throw new KeyNotFoundException($"No resource named '{name}'."), this);

    /// <inheritdoc />
    public void RemoveResource(string name)
    {
        var resource = _resources.SingleOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource named '{name}'.");
        _resources.Remove(resource);
        foreach (var other in _resources)
        {
            other.Annotations.RemoveAll(a => a switch
            {
                WaitAnnotation w => w.Resource == resource,
                ReferenceAnnotation r => r.Resource == resource,
                ServiceReferenceAnnotation s => s.Resource == resource,
                EnvironmentAnnotation e => e.Source == resource,
                _ => false,
            });
        }

        foreach (var child in _resources.OfType<IResourceWithParent>().Where(c => c.Parent == resource).ToList())
        {
            RemoveResource(child.Name);
        }
    }

    /// <inheritdoc />
    public DistributedApplication Build() => new(this);

    /// <summary>The directory holding the solution (or .git) above <paramref name="start"/>, else <paramref name="start"/>.</summary>
    private static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (directory.EnumerateFiles("*.sln").Any() || Directory.Exists(Path.Combine(directory.FullName, ".git")))
            {
                return directory.FullName;
            }
        }

        return start;
    }

    /// <summary>
    /// The AppHost project directory: assembly metadata <c>AppHostProjectPath</c> of the entry
    /// assembly (AppHost.csproj sets it), else the current directory.
    /// </summary>
    private static string FindAppHostDirectory() =>
        Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostProjectPath")?.Value is { Length: > 0 } path && Directory.Exists(path)
            ? path
            : Directory.GetCurrentDirectory();
}
