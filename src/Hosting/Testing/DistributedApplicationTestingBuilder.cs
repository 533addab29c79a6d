using Microsoft.Extensions.Configuration;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Testing;

/// <summary>
/// Starts an app model (the AppHost's, or a part of it) in a test, like Aspire.Hosting.Testing:
/// free ports for every endpoint, a temporary data directory deleted on dispose, no console output.
/// <code>
/// var builder = await DistributedApplicationTestingBuilder.CreateAsync(PlatformModel.Build);
/// builder.Configuration["ConnectionStrings:kafka"] = "127.0.0.1:9092"; // use an existing broker
/// await using var app = await builder.BuildAsync();
/// await app.StartAsync();
/// await app.WaitForResourceHealthyAsync("frontend");
/// using var http = app.CreateHttpClient("frontend");
/// </code>
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>Creates a builder and declares the model with <paramref name="model"/>.</summary>
    /// <param name="model">Declares resources, e.g. <c>PlatformModel.Build</c> of the AppHost.</param>
    /// <param name="args">Configuration given as command-line arguments (<c>--Parameters:x=y</c>).</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync(
        Action<IDistributedApplicationBuilder> model, string[]? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "apphost-test-" + Guid.NewGuid().ToString("N")[..12]);
        var options = new DistributedApplicationOptions
        {
            Args = args ?? [],
            // The AppHost's own directory (its appsettings.json), never the test's output directory: a test
            // project that references AppHost gets the services' appsettings copied there, and their
            // development connection strings would look like "existing resources".
            AppHostDirectory = AppHostDirectoryOf(model.Method.Module.Assembly) ?? Directory.CreateDirectory(dataDirectory).FullName,
            DataDirectory = dataDirectory,
            RandomizePorts = true,
            DeleteDataDirectoryOnDispose = true,
            Console = null,
        };
        var builder = new TestingBuilder(new DistributedApplicationBuilder(options));
        model(builder);
        return Task.FromResult<IDistributedApplicationTestingBuilder>(builder);
    }

    private static string? AppHostDirectoryOf(System.Reflection.Assembly modelAssembly) =>
        modelAssembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostProjectPath")?.Value is { Length: > 0 } path && Directory.Exists(path)
            ? path
            : null;

    /// <summary>Creates a builder for a model declared by the test itself.</summary>
    public static IDistributedApplicationTestingBuilder Create(string[]? args = null) =>
        CreateAsync(_ => { }, args).GetAwaiter().GetResult();

    private sealed class TestingBuilder(DistributedApplicationBuilder inner) : IDistributedApplicationTestingBuilder
    {
        public ConfigurationManager Configuration => inner.Configuration;

        public DistributedApplicationOptions Options => inner.Options;

        public IReadOnlyList<IResource> Resources => inner.Resources;

        public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => new ResourceBuilder<T>(inner.AddResource(resource).Resource, this);

        public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => new ResourceBuilder<T>(inner.CreateResourceBuilder(resource).Resource, this);

        public void RemoveResource(string name) => inner.RemoveResource(name);

        public DistributedApplication Build() => new(this);

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(Build());

        public void UseExisting(string name, string connectionString) => Configuration[$"ConnectionStrings:{name}"] = connectionString;
    }
}

/// <summary>The testing builder: the model builder plus test-only adjustments.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    /// <summary>Builds the application (nothing runs until <c>StartAsync</c>).</summary>
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a resource by something that already exists: <paramref name="name"/> is not started,
    /// its references get <paramref name="connectionString"/> (same as configuration <c>ConnectionStrings:{name}</c>).
    /// </summary>
    void UseExisting(string name, string connectionString);
}
