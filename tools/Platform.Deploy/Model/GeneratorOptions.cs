namespace Platform.Deploy.Model;

/// <summary>What the user chose on the command line (and what <c>generation.json</c> records).</summary>
internal sealed record GeneratorOptions(
    string ContainerRegistry,
    string ContainerImageTag,
    string Namespace,
    IReadOnlyList<string> SingleReplica,
    string IngressSourceCidr,
    IReadOnlyList<string> IngressHosts)
{
    /// <summary>The host name the external project is served on in <paramref name="environment"/> (from <c>env=host</c>), if any.</summary>
    public string? IngressHost(string environment) =>
        IngressHosts.Select(h => h.Split('=', 2)).Where(p => p[0] == environment).Select(p => p[1]).FirstOrDefault();

    /// <summary>The image of a project: <c>&lt;registry&gt;/platform-&lt;name&gt;:&lt;tag&gt;</c>, as .github/workflows/images.yml pushes it.</summary>
    public string ImageOf(string project) => $"{ContainerRegistry}/platform-{project}:{ContainerImageTag}";
}

/// <summary>
/// What differs between environments. The base is written with <see cref="Dev"/>; the prod overlay
/// patches the differences in.
/// </summary>
internal sealed record EnvironmentProfile(string Name, int ProjectReplicas, bool Autoscale, int PostgresInstances, int KafkaReplicas, int KafkaMinInsyncReplicas)
{
    public static readonly EnvironmentProfile Dev = new("dev", 1, false, 1, 1, 1);
    public static readonly EnvironmentProfile Prod = new("prod", 2, true, 3, 3, 2);
    public static readonly EnvironmentProfile[] All = [Dev, Prod];
    public const int MaxReplicas = 6;
}
