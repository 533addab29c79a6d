using Platform.Hosting.LocalServers;

namespace Aspire.Hosting;

/// <summary>Generated secrets that stay stable across local runs and are generated inputs when published.</summary>
public static class SecretParameterBuilderExtensions
{
    /// <summary>
    /// Adds a secret parameter whose value is generated: in run mode once, then kept in
    /// <c>.apphost/secrets/&lt;name&gt;</c> (mode 0600, wiped with the rest by <c>--fresh</c>); in publish mode
    /// as a <c>generate</c> input, so no value is ever written to the manifest. A configured
    /// <c>Parameters:&lt;name&gt;</c> wins, as for every Aspire parameter.
    /// <code>var token = builder.AddGeneratedSecret("flags-admin-token");</code>
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ParameterDefault value = builder.ExecutionContext.IsPublishMode
            ? new GenerateParameterDefault { MinLength = 32, Special = false }
            : new PersistedPasswordDefault(Path.Combine(LocalDataDirectory.For(builder, "secrets"), name));
        return builder.AddParameter(name, value, secret: true);
    }

    /// <summary>The directory a local resource keeps its data in: <c>.apphost/&lt;name&gt;/</c> by default.</summary>
    public static string GetLocalDataDirectory(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return LocalDataDirectory.For(builder, name);
    }
}
