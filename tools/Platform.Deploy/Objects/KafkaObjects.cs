using Platform.Contracts;
using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// The Kafka container as Strimzi objects: a <c>Kafka</c> in KRaft mode whose nodes come from a
/// <c>KafkaNodePool</c> (controller and broker roles together), and the <c>orders</c> topic as a
/// <c>KafkaTopic</c> managed by the topic operator.
/// </summary>
internal static class KafkaObjects
{
    public const string StrimziApi = "kafka.strimzi.io/v1beta2";
    public const string ClusterLabel = "strimzi.io/cluster";

    public static string PoolName(Workload kafka) => $"{kafka.Name}-pool";

    /// <summary>The Kafka version, from the manifest's image tag (apache/kafka:4.1.1 → 4.1.1).</summary>
    public static string Version(Workload kafka)
    {
        var tag = ImageReference.Parse(kafka.Resource.Image!).Tag;
        var version = tag?.Split('-')[0];
        if (version is null || !System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d+\.\d+\.\d+$"))
        {
            throw new GeneratorException($"Kafka resource '{kafka.Name}' has image '{kafka.Resource.Image}'; the generator reads the Kafka version for Strimzi from its tag, which must start with a version like 4.1.1.");
        }
        return version;
    }

    public static List<YMap> Build(Workload kafka, IReadOnlyList<string> clients, Meta meta, EnvironmentProfile profile)
    {
        var name = kafka.Name;
        var clusterLabels = Y.Map((ClusterLabel, name));
        var peers = Y.ListOf(clients.Select(c => Y.Map(("podSelector", Y.Map(("matchLabels", Meta.Selector(c)))))));

        var listener = Y.Map(
            ("name", "plain"),
            ("port", ClusterAddresses.KafkaPort),
            ("type", "internal"),
            ("tls", false),
            // Strimzi writes the listener's NetworkPolicy: only the model's clients may connect.
            ("networkPolicyPeers", peers));
        var annotations = Y.Map(("strimzi.io/kraft", "enabled"), ("strimzi.io/node-pools", "enabled"));
        var cluster = Y.Object(StrimziApi, "Kafka", meta.Of(name, "messaging", annotations), ("spec", Y.Map(
            ("kafka", Y.Map(
                ("version", Version(kafka)),
                ("listeners", Y.List(listener)),
                ("config", Config(profile)))),
            ("entityOperator", Y.Map(("topicOperator", Y.Map()))))));

        var pool = Y.Object(StrimziApi, "KafkaNodePool", meta.Of(PoolName(kafka), "messaging", extraLabels: clusterLabels, app: name), ("spec", Y.Map(
            ("replicas", profile.KafkaReplicas),
            ("roles", Y.List("controller", "broker")),
            ("storage", Y.Map(
                ("type", "jbod"),
                ("volumes", Y.List(Y.Map(
                    ("id", 0),
                    ("type", "persistent-claim"),
                    ("size", "10Gi"),
                    ("deleteClaim", false),
                    ("kraftMetadata", "shared")))))),
            ("resources", Y.Map(
                ("requests", Y.Map(("cpu", "250m"), ("memory", "1Gi"))),
                ("limits", Y.Map(("cpu", "1"), ("memory", "2Gi"))))))));

        var topic = Y.Object(StrimziApi, "KafkaTopic", meta.Of(Topics.Orders, "messaging", extraLabels: clusterLabels, app: name), ("spec", Y.Map(
            ("partitions", 3),
            ("replicas", profile.KafkaReplicas),
            ("config", Y.Map(("min.insync.replicas", profile.KafkaMinInsyncReplicas))))));

        return [cluster, pool, topic];
    }

    /// <summary>Broker settings that depend on how many brokers there are (Checkout produces with acks=all).</summary>
    public static YMap Config(EnvironmentProfile profile) => Y.Map(
        ("default.replication.factor", profile.KafkaReplicas),
        ("min.insync.replicas", profile.KafkaMinInsyncReplicas),
        ("offsets.topic.replication.factor", profile.KafkaReplicas),
        ("transaction.state.log.replication.factor", profile.KafkaReplicas),
        ("transaction.state.log.min.isr", profile.KafkaMinInsyncReplicas));
}
