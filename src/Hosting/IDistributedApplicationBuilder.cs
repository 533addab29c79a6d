using Microsoft.Extensions.Configuration;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting;

/// <summary>Builds the app model (Aspire's <c>IDistributedApplicationBuilder</c>).</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>Configuration: command line, environment, <c>appsettings.json</c> of the AppHost.</summary>
    ConfigurationManager Configuration { get; }

    /// <summary>Options of the run (data directory, ports, console).</summary>
    DistributedApplicationOptions Options { get; }

    /// <summary>The resources, in declaration order.</summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>Adds a resource; its name must be unique.</summary>
    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    /// <summary>A builder for a resource already in the model.</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource;

    /// <summary>Removes a resource and every reference to it (tests use it to run part of a model).</summary>
    void RemoveResource(string name);

    /// <summary>Builds the application; nothing runs until <see cref="DistributedApplication.StartAsync"/>.</summary>
    DistributedApplication Build();
}

/// <summary>Builder of one resource: <c>With*</c> methods configure it and return the same builder.</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    /// <summary>The resource.</summary>
    T Resource { get; }

    /// <summary>The application builder.</summary>
    IDistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, IDistributedApplicationBuilder builder) : IResourceBuilder<T> where T : IResource
{
    public T Resource { get; } = resource;

    public IDistributedApplicationBuilder ApplicationBuilder { get; } = builder;
}
