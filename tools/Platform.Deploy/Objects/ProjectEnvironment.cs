using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// A project's environment variables in the cluster: the manifest's, resolved, split into plain
/// values (ConfigMap) and values that hold a secret (a Secret that External Secrets writes), plus the
/// telemetry settings that the AppHost's dashboard injects locally, pointed at the in-cluster collector.
/// </summary>
internal sealed record ProjectEnvironment(
    SortedDictionary<string, string> Plain,
    SortedDictionary<string, string> Secret,
    IReadOnlyList<SecretSource> SecretSources,
    IReadOnlyList<string> References,
    IReadOnlyList<string> DroppedHttps)
{
    public static ProjectEnvironment Of(Workload project, ExpressionResolver resolver)
    {
        var plain = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secret = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sources = new List<SecretSource>();
        var references = new SortedSet<string>(StringComparer.Ordinal);
        var dropped = new List<string>();

        foreach (var (name, value) in project.Resource.Env)
        {
            ResolvedValue resolved;
            try
            {
                resolved = resolver.Resolve(value, $"{project.Name}: env {name}");
            }
            catch (HttpsBindingException)
            {
                // Said out loud (console and README) rather than stripped silently: TLS ends at the ALB.
                dropped.Add(name);
                continue;
            }
            (resolved.IsSecret ? secret : plain)[name] = resolved.Text;
            sources.AddRange(resolved.Secrets);
            references.UnionWith(resolved.References);
        }

        if (references.Select(r => resolver.Model.Workloads[r]).FirstOrDefault(w => w.Kind == WorkloadKind.Postgres) is { } postgres)
        {
            foreach (var (name, text) in plain.Concat(secret).ToList())
            {
                if (PostgresUserRewrite.Apply(name, text, postgres, resolver) is (var rewritten, { } user))
                {
                    plain.Remove(name);
                    secret[name] = rewritten;
                    sources.Add(user);
                }
            }
        }

        plain["OTEL_EXPORTER_OTLP_ENDPOINT"] = ClusterConventions.CollectorEndpoint;
        plain["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
        plain["OTEL_SERVICE_NAME"] = project.Name;
        plain.TryAdd("HTTP_PORTS", ClusterAddresses.ProjectPort(project).ToString(System.Globalization.CultureInfo.InvariantCulture));
        references.Remove(project.Name);

        return new ProjectEnvironment(
            plain,
            secret,
            [.. sources.DistinctBy(s => s.TemplateKey).OrderBy(s => s.TemplateKey, StringComparer.Ordinal)],
            [.. references],
            dropped);
    }
}
