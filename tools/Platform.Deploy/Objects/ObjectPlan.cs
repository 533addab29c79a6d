using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// Every object of one environment, grouped the way the kustomize tree is: <see cref="Resources"/>
/// holds one group per manifest resource (plus "namespace"), <see cref="Secrets"/> and
/// <see cref="Autoscalers"/> the objects that differ per environment.
/// </summary>
internal sealed record ObjectPlan(
    SortedDictionary<string, List<YMap>> Resources,
    List<YMap> Secrets,
    List<YMap> Autoscalers,
    List<string> Notes)
{
    public IEnumerable<YMap> All => Resources.Values.SelectMany(g => g).Concat(Secrets).Concat(Autoscalers);

    public const string NamespaceGroup = "namespace";

    public static ObjectPlan Build(DeployModel model, GeneratorOptions options, EnvironmentProfile profile, bool helm)
    {
        var meta = new Meta(options, helm);
        var resolver = new ExpressionResolver(model);
        var resources = new SortedDictionary<string, List<YMap>>(StringComparer.Ordinal);
        var secrets = new List<YMap>();
        var autoscalers = new List<YMap>();
        var notes = new List<string>();

        var projects = model.Of(WorkloadKind.Project).ToList();
        var environments = projects.ToDictionary(p => p.Name, p => ProjectEnvironment.Of(p, resolver));
        List<string> CallersOf(string name) => [.. projects.Where(p => environments[p.Name].References.Contains(name)).Select(p => p.Name)];

        resources[NamespaceGroup] = [NamespaceObject(meta), .. NetworkPolicies.Namespace(meta)];

        foreach (var project in projects)
        {
            var env = environments[project.Name];
            var references = env.References.Select(r => model.Workloads[r]).ToList();
            resources[project.Name] =
            [
                .. ProjectObjects.Build(project, env, meta, profile),
                NetworkPolicies.Project(project, CallersOf(project.Name), references, meta, options.IngressSourceCidr),
            ];
            if (env.Secret.Count > 0)
            {
                secrets.Add(ExternalSecrets.ProjectEnv(project, env, meta, profile));
            }
            if (ProjectObjects.HasAutoscaler(project, options, profile))
            {
                autoscalers.Add(ProjectObjects.Autoscaler(project, meta, profile));
            }
            if (ProjectObjects.IsExternal(project) && options.IngressHost(profile.Name) is null)
            {
                notes.Add($"{project.Name}: no --ingress-host {profile.Name}=<host>: its ALB listens on plain HTTP in {profile.Name}.");
            }
            if (env.DroppedHttps.Count > 0)
            {
                notes.Add($"{project.Name}: left out {string.Join(", ", env.DroppedHttps)}: https endpoints (TLS ends at the load balancer; services call each other over http).");
            }
        }

        if (model.Single(WorkloadKind.Postgres) is { } postgres)
        {
            resources[postgres.Name] =
            [
                PostgresObjects.Cluster(postgres, model.Single(WorkloadKind.PostgresDatabase), meta, profile),
                NetworkPolicies.Postgres(postgres, CallersOf(postgres.Name), meta),
            ];
            secrets.Add(ExternalSecrets.PostgresApp(postgres, ExpressionResolver.PasswordParameter(postgres), meta, profile));
        }

        if (model.Single(WorkloadKind.Redis) is { } redis)
        {
            resources[redis.Name] = [.. RedisObjects.Build(redis, meta), NetworkPolicies.Redis(redis, CallersOf(redis.Name), meta)];
            secrets.Add(ExternalSecrets.Redis(redis, ExpressionResolver.PasswordParameter(redis), meta, profile));
        }

        if (model.Single(WorkloadKind.Kafka) is { } kafka)
        {
            var clients = CallersOf(kafka.Name);
            resources[kafka.Name] = [.. KafkaObjects.Build(kafka, clients, meta, profile), NetworkPolicies.Kafka(kafka, clients, meta)];
        }

        return new ObjectPlan(resources, secrets, autoscalers, notes);
    }

    private static YMap NamespaceObject(Meta meta) => Y.Map(
        ("apiVersion", "v1"),
        ("kind", "Namespace"),
        ("metadata", Y.Map(("name", meta.Namespace), ("labels", Y.Map(("app.kubernetes.io/part-of", ClusterConventions.PartOf))))));
}
