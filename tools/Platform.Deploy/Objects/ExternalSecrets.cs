using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// ExternalSecret objects (external-secrets.io/v1): External Secrets reads the values from AWS
/// Secrets Manager under <c>platform/&lt;env&gt;/</c> through the <see cref="ClusterConventions.SecretStore"/>
/// ClusterSecretStore and writes the Secret; a template builds connection strings around them. No
/// value is in a generated file.
/// </summary>
internal static class ExternalSecrets
{
    public const string Api = "external-secrets.io/v1";

    /// <summary>The Secret of a project's secret environment variables (its envFrom secretRef).</summary>
    public static YMap ProjectEnv(Workload project, ProjectEnvironment env, Meta meta, EnvironmentProfile profile) =>
        Build(ProjectObjects.EnvName(project.Name), project.Name, "service", env.SecretSources, Y.Map(
            ("engineVersion", "v2"),
            ("mergePolicy", "Replace"),
            ("data", Y.Sorted(env.Secret))), meta, profile);

    /// <summary>The CloudNativePG application user (basic-auth Secret named in the Cluster's initdb).</summary>
    public static YMap PostgresApp(Workload postgres, string passwordParameter, Meta meta, EnvironmentProfile profile)
    {
        var user = SecretSource.PostgresUser(passwordParameter);
        var password = SecretSource.ForParameter(passwordParameter);
        return Build(PostgresObjects.AppSecretName(postgres), postgres.Name, "database", [user, password], Y.Map(
            ("type", "kubernetes.io/basic-auth"),
            ("engineVersion", "v2"),
            ("mergePolicy", "Replace"),
            ("data", Y.Map(("username", user.Placeholder), ("password", password.Placeholder)))), meta, profile);
    }

    /// <summary>The Redis password (key <c>password</c>), read by the StatefulSet.</summary>
    public static YMap Redis(Workload redis, string passwordParameter, Meta meta, EnvironmentProfile profile)
    {
        var password = SecretSource.ForParameter(passwordParameter);
        return Build(RedisObjects.SecretName(redis), redis.Name, "cache", [password], Y.Map(
            ("engineVersion", "v2"),
            ("mergePolicy", "Replace"),
            ("data", Y.Map(("password", password.Placeholder)))), meta, profile);
    }

    private static YMap Build(string name, string app, string component, IEnumerable<SecretSource> sources, YMap template, Meta meta, EnvironmentProfile profile) =>
        Y.Object(Api, "ExternalSecret", meta.Of(name, component, app: app), ("spec", Y.Map(
            ("refreshInterval", "1h"),
            ("secretStoreRef", Y.Map(("kind", "ClusterSecretStore"), ("name", ClusterConventions.SecretStore))),
            ("target", Y.Map(
                ("name", name),
                ("creationPolicy", "Owner"),
                ("deletionPolicy", "Retain"),
                ("template", template))),
            ("data", Y.ListOf(sources.Select(s => Y.Map(
                ("secretKey", s.TemplateKey),
                ("remoteRef", Y.Map(
                    ("key", $"{ClusterConventions.SecretsPrefix(profile.Name)}/{s.Key}"),
                    ("property", s.Property))))))))));
}
