using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// NetworkPolicies: everything in the namespace is denied in and out, then each edge of the model
/// (a project that references another resource) is allowed on that resource's port only, plus DNS,
/// OTLP to the collector, the ALB to external projects, and what the operators need.
/// </summary>
internal static class NetworkPolicies
{
    private const string ComponentLabel = "network-policy";

    public static List<YMap> Namespace(Meta meta) =>
    [
        Policy(meta, "default-deny", Y.Map(), ingress: [], egress: []),
        Policy(meta, "allow-dns", Y.Map(), ingress: null, egress:
        [
            Rule([Y.Map(
                ("namespaceSelector", Y.Map(("matchLabels", Y.Map(("kubernetes.io/metadata.name", "kube-system"))))),
                ("podSelector", Y.Map(("matchLabels", Y.Map(("k8s-app", "kube-dns"))))))],
                Port(53, "UDP"), Port(53, "TCP")),
        ]),
    ];

    public static YMap Project(Workload project, IReadOnlyList<string> callers, IReadOnlyList<Workload> references, Meta meta, string ingressSourceCidr)
    {
        var port = ClusterAddresses.ProjectPort(project);
        var ingress = callers.Select(c => Rule([PodsOf(c)], Port(port))).ToList();
        if (ProjectObjects.IsExternal(project))
        {
            // The ALB sends traffic from its addresses in the VPC straight to the pod (target type ip).
            ingress.Add(Rule([Y.Map(("ipBlock", Y.Map(("cidr", ingressSourceCidr))))], Port(port)));
        }

        var egress = references.Select(r => Rule([Peer(r)], Port(ClusterAddresses.Of(r).Port))).ToList();
        egress.Add(Rule(
            [Y.Map(("namespaceSelector", Y.Map(("matchLabels", Y.Map(("kubernetes.io/metadata.name", ClusterConventions.CollectorNamespace))))))],
            [.. ClusterConventions.CollectorPorts.Select(p => Port(p))]));

        return Policy(meta, project.Name, Meta.Selector(project.Name), ingress, egress);
    }

    public static YMap Postgres(Workload postgres, IReadOnlyList<string> callers, Meta meta)
    {
        var self = Peer(postgres);
        var ingress = callers.Select(c => Rule([PodsOf(c)], Port(ClusterAddresses.PostgresPort))).ToList();
        // Replication between instances, and the operator polling each instance's status endpoint.
        ingress.Add(Rule([self], Port(ClusterAddresses.PostgresPort), Port(8000)));
        ingress.Add(Rule([OperatorNamespace(ClusterConventions.CnpgOperatorNamespace)], Port(ClusterAddresses.PostgresPort), Port(8000)));
        return Policy(meta, postgres.Name, Selector(postgres), ingress,
        [
            Rule([self], Port(ClusterAddresses.PostgresPort), Port(8000)),
            // The instance manager in every pod talks to the Kubernetes API.
            KubernetesApi(),
        ]);
    }

    public static YMap Redis(Workload redis, IReadOnlyList<string> callers, Meta meta) =>
        Policy(meta, redis.Name, Selector(redis),
            [.. callers.Select(c => Rule([PodsOf(c)], Port(ClusterAddresses.RedisPort)))],
            egress: []);

    public static YMap Kafka(Workload kafka, IReadOnlyList<string> callers, Meta meta)
    {
        var self = Peer(kafka);
        var ingress = callers.Select(c => Rule([PodsOf(c)], Port(ClusterAddresses.KafkaPort))).ToList();
        // Controllers, brokers and the entity operator talk among themselves on Strimzi's internal ports.
        ingress.Add(Rule([self]));
        ingress.Add(Rule([OperatorNamespace(ClusterConventions.StrimziOperatorNamespace)]));
        return Policy(meta, kafka.Name, Selector(kafka), ingress, [Rule([self]), KubernetesApi()]);
    }

    /// <summary>Who a caller must be allowed to reach, by the labels the operator puts on its pods.</summary>
    private static YMap Peer(Workload workload) => Y.Map(("podSelector", Y.Map(("matchLabels", Selector(workload)))));

    private static YMap Selector(Workload workload) => workload.Kind switch
    {
        WorkloadKind.Postgres => Y.Map(("cnpg.io/cluster", workload.Name)),
        WorkloadKind.Kafka => Y.Map((KafkaObjects.ClusterLabel, workload.Name)),
        _ => Meta.Selector(workload.Name),
    };

    private static YMap PodsOf(string project) => Y.Map(("podSelector", Y.Map(("matchLabels", Meta.Selector(project)))));

    private static YMap OperatorNamespace(string ns) =>
        Y.Map(("namespaceSelector", Y.Map(("matchLabels", Y.Map(("kubernetes.io/metadata.name", ns))))));

    /// <summary>The EKS API endpoint has no stable in-cluster selector: HTTPS to any address, for operator-managed pods only.</summary>
    private static YMap KubernetesApi() => Rule([Y.Map(("ipBlock", Y.Map(("cidr", "0.0.0.0/0"))))], Port(443));

    private static YMap Port(int port, string protocol = "TCP") => Y.Map(("protocol", protocol), ("port", port));

    private static YMap Rule(List<YMap> peers, params YMap[] ports) => Y.Map(
        ("peers", Y.ListOf(peers)),
        ("ports", ports.Length == 0 ? null : Y.ListOf(ports)));

    private static YMap Policy(Meta meta, string name, YMap podSelector, List<YMap>? ingress, List<YMap>? egress)
    {
        var types = Y.List(ingress is null ? null : "Ingress", egress is null ? null : "Egress");
        return Y.Object("networking.k8s.io/v1", "NetworkPolicy", meta.Of(name, ComponentLabel), ("spec", Y.Map(
            ("podSelector", podSelector.Count == 0 ? Y.Map() : Y.Map(("matchLabels", podSelector))),
            ("policyTypes", types),
            // An empty list is written as no list: with the type named, that denies everything.
            ("ingress", ingress is null or [] ? null : Y.ListOf(ingress.Select(r => Direction(r, "from")))),
            ("egress", egress is null or [] ? null : Y.ListOf(egress.Select(r => Direction(r, "to")))))));
    }

    /// <summary>A rule's peers go under "from" for ingress and "to" for egress.</summary>
    private static YMap Direction(YMap rule, string key) => Y.Map((key, rule["peers"]), ("ports", rule.GetValueOrDefault("ports")));
}
