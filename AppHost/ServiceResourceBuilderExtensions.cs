using System.Reflection;

namespace Platform.AppHost;

/// <summary>
/// A service of the Platform: Aspire's project resource (its endpoints from launchSettings, OTLP, service
/// discovery, health), started in run mode from its build output rather than through <c>dotnet run</c>.
/// </summary>
internal static class ServiceResourceBuilderExtensions
{
    private const string AssemblyMetadataPrefix = "Platform.ServiceAssembly:";

    /// <summary>
    /// Adds the service <typeparamref name="TProject"/> as <c>AddProject</c> does. In publish mode that is all
    /// (the manifest's <c>project.v0</c>). In run mode DCP starts it as <c>dotnet &lt;its dll&gt;</c> in its project
    /// directory: Aspire 13.6 launches a project resource that carries an <see cref="ExecutableAnnotation"/> with
    /// that command instead of <c>dotnet run --project ... --no-build</c>, which evaluated the project with MSBuild
    /// at every start (eight evaluations at once on two cores) and kept a <c>dotnet run</c> process beside each
    /// service. The services are built with the AppHost (its ProjectReferences), which records each dll's path.
    /// <code>var cart = builder.AddService&lt;Projects.Cart&gt;("cart").WithReference(redis).WaitFor(redis);</code>
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, [ResourceName] string name)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return service;
        }
        var projectPath = new TProject().ProjectPath;
        service
            .WithAnnotation(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = Path.GetDirectoryName(projectPath)! })
            .WithArgs(BuiltAssemblyOf(name, projectPath))
            .WithHeldDirectPorts();
        // Plain HTTP on loopback: no server certificate. Aspire gives every project a callback for one, and any
        // resource with such a callback makes the AppHost look for a trusted dev certificate at start and show
        // the dashboard's "No trusted development certificate" banner when there is none (DcpHost).
#pragma warning disable ASPIRECERTIFICATES001 // evaluation API: the one that says "this resource serves no TLS"
        return service.WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001
    }

    private static string BuiltAssemblyOf(string name, string projectPath)
    {
        var key = AssemblyMetadataPrefix + Path.GetFullPath(projectPath);
        var assembly = typeof(ServiceResourceBuilderExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => string.Equals(a.Key, key, StringComparison.Ordinal))?.Value
            ?? throw new DistributedApplicationException($"The AppHost has no build output recorded for '{name}' ({projectPath}). Rebuild it: dotnet build AppHost");
        return File.Exists(assembly)
            ? assembly
            : throw new DistributedApplicationException($"'{name}' is not built ({assembly} is missing). Build it with the AppHost: dotnet build AppHost");
    }
}
