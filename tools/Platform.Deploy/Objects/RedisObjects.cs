using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// Redis as a one-replica StatefulSet with a persistent volume (append-only file), a ClusterIP
/// Service for clients, a headless Service for the StatefulSet, and its password from a Secret.
/// </summary>
internal static class RedisObjects
{
    /// <summary>UID and GID of the redis user in the official image.</summary>
    private const int RedisUid = 999;

    public static string SecretName(Workload redis) => redis.Name;

    public static List<YMap> Build(Workload redis, Meta meta)
    {
        var name = redis.Name;
        var image = ImageReference.Parse(redis.Resource.Image!);
        if (image.Tag is null or "latest")
        {
            throw new GeneratorException($"Redis resource '{name}' has image '{redis.Resource.Image}' without a version tag; pin it in the AppHost.");
        }
        var password = Y.Map(("secretKeyRef", Y.Map(("name", SecretName(redis)), ("key", "password"))));
        var port = ClusterAddresses.RedisPort;

        var container = Y.Map(
            ("name", "redis"),
            ("image", redis.Resource.Image),
            ("imagePullPolicy", "IfNotPresent"),
            ("command", Y.List("redis-server")),
            // $(REDIS_PASSWORD) is expanded by the kubelet from the env below; the value is never in a file.
            ("args", Y.List("--requirepass", "$(REDIS_PASSWORD)", "--dir", "/data", "--appendonly", "yes", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ("ports", Y.List(Y.Map(("name", "redis"), ("containerPort", port), ("protocol", "TCP")))),
            ("env", Y.List(
                Y.Map(("name", "REDIS_PASSWORD"), ("valueFrom", password)),
                // redis-cli reads its password from REDISCLI_AUTH: the probe needs no shell.
                Y.Map(("name", "REDISCLI_AUTH"), ("valueFrom", password)))),
            ("startupProbe", Probe(periodSeconds: 5, failureThreshold: 24)),
            ("livenessProbe", Probe(periodSeconds: 10, failureThreshold: 3)),
            ("readinessProbe", Probe(periodSeconds: 5, failureThreshold: 3)),
            ("resources", Y.Map(
                ("requests", Y.Map(("cpu", "100m"), ("memory", "128Mi"))),
                ("limits", Y.Map(("cpu", "500m"), ("memory", "512Mi"))))),
            ("securityContext", ProjectObjects.ContainerSecurity()),
            ("volumeMounts", Y.List(
                Y.Map(("name", "data"), ("mountPath", "/data")),
                Y.Map(("name", "tmp"), ("mountPath", "/tmp")))));

        var statefulSet = Y.Object("apps/v1", "StatefulSet", meta.Of(name, "cache"), ("spec", Y.Map(
            ("replicas", 1),
            ("serviceName", $"{name}-headless"),
            ("selector", Y.Map(("matchLabels", Meta.Selector(name)))),
            ("template", Y.Map(
                ("metadata", Y.Map(("labels", Meta.Labels(name, "cache")))),
                ("spec", Y.Map(
                    ("automountServiceAccountToken", false),
                    ("securityContext", Y.Map(
                        ("runAsNonRoot", true),
                        ("runAsUser", RedisUid),
                        ("runAsGroup", RedisUid),
                        ("fsGroup", RedisUid),
                        ("seccompProfile", Y.Map(("type", "RuntimeDefault"))))),
                    ("containers", Y.List(container)),
                    ("volumes", Y.List(Y.Map(("name", "tmp"), ("emptyDir", Y.Map(("sizeLimit", "16Mi")))))))))),
            ("volumeClaimTemplates", Y.List(Y.Map(
                ("metadata", Y.Map(("name", "data"))),
                ("spec", Y.Map(
                    ("accessModes", Y.List("ReadWriteOnce")),
                    ("resources", Y.Map(("requests", Y.Map(("storage", "2Gi")))))))))))));

        YMap Service(string serviceName, bool headless) => Y.Object("v1", "Service", meta.Of(serviceName, "cache", app: name), ("spec", Y.Map(
            ("type", "ClusterIP"),
            ("clusterIP", headless ? "None" : null),
            ("selector", Meta.Selector(name)),
            ("ports", Y.List(Y.Map(("name", "redis"), ("port", port), ("targetPort", "redis"), ("protocol", "TCP")))))));

        return [Service(name, headless: false), Service($"{name}-headless", headless: true), statefulSet];
    }

    private static YMap Probe(int periodSeconds, int failureThreshold) => Y.Map(
        ("exec", Y.Map(("command", Y.List("redis-cli", "ping")))),
        ("periodSeconds", periodSeconds),
        ("timeoutSeconds", 3),
        ("failureThreshold", failureThreshold));
}
