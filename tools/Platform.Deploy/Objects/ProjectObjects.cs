using System.Security.Cryptography;
using System.Text;
using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// A project (a .NET service) as Kubernetes objects: ServiceAccount, ConfigMap, Deployment,
/// Service, PodDisruptionBudget, and an Ingress when its http endpoint is external.
/// </summary>
internal static class ProjectObjects
{
    /// <summary>UID of the "app" user of Microsoft's .NET images (services/Directory.Build.props, ContainerUser).</summary>
    private const int AppUid = 1654;

    public static string EnvName(string project) => $"{project}-env";

    public static List<YMap> Build(Workload project, ProjectEnvironment env, Meta meta, EnvironmentProfile profile)
    {
        var name = project.Name;
        var objects = new List<YMap>
        {
            Y.Object("v1", "ServiceAccount", meta.Of(name, "service"), ("automountServiceAccountToken", false)),
            Y.Object("v1", "ConfigMap", meta.Of(EnvName(name), "service", app: name), ("data", Y.Sorted(env.Plain))),
            Deployment(project, env, meta, profile),
            Y.Object("v1", "Service", meta.Of(name, "service"), ("spec", Y.Map(
                ("type", "ClusterIP"),
                ("selector", Meta.Selector(name)),
                ("ports", Y.List(Y.Map(("name", "http"), ("port", ClusterAddresses.ProjectPort(project)), ("targetPort", "http"), ("protocol", "TCP"), ("appProtocol", "http"))))))),
            // maxUnavailable, not minAvailable: a single-replica service must still let a node drain.
            Y.Object("policy/v1", "PodDisruptionBudget", meta.Of(name, "service"), ("spec", Y.Map(
                ("maxUnavailable", 1),
                ("selector", Y.Map(("matchLabels", Meta.Selector(name))))))),
        };
        if (IsExternal(project))
        {
            objects.Add(Ingress(project, meta, meta.Options.IngressHost(profile.Name)));
        }
        return objects;
    }

    public static bool IsExternal(Workload project) =>
        project.Resource.Bindings.Values.Any(b => b.External && b.Scheme == "http");

    public static bool IsAutoscaled(Workload project, GeneratorOptions options) => !options.SingleReplica.Contains(project.Name);

    public static bool HasAutoscaler(Workload project, GeneratorOptions options, EnvironmentProfile profile) =>
        profile.Autoscale && IsAutoscaled(project, options);

    public static int Replicas(Workload project, GeneratorOptions options, EnvironmentProfile profile) =>
        IsAutoscaled(project, options) ? profile.ProjectReplicas : 1;

    public static YMap Autoscaler(Workload project, Meta meta, EnvironmentProfile profile)
    {
        var cpu = Y.Map(("name", "cpu"), ("target", Y.Map(("type", "Utilization"), ("averageUtilization", 70))));
        var spec = Y.Map(
            ("scaleTargetRef", Y.Map(("apiVersion", "apps/v1"), ("kind", "Deployment"), ("name", project.Name))),
            ("minReplicas", profile.ProjectReplicas),
            ("maxReplicas", EnvironmentProfile.MaxReplicas),
            ("metrics", Y.List(Y.Map(("type", "Resource"), ("resource", cpu)))));
        return Y.Object("autoscaling/v2", "HorizontalPodAutoscaler", meta.Of(project.Name, "service"), ("spec", spec));
    }

    private static YMap Deployment(Workload project, ProjectEnvironment env, Meta meta, EnvironmentProfile profile)
    {
        var name = project.Name;
        var envFrom = Y.List(
            Y.Map(("configMapRef", Y.Map(("name", EnvName(name))))),
            env.Secret.Count > 0 ? Y.Map(("secretRef", Y.Map(("name", EnvName(name))))) : null);

        var container = Y.Map(
            ("name", name),
            ("image", meta.Image(name)),
            ("imagePullPolicy", "IfNotPresent"),
            ("ports", Y.List(Y.Map(("name", "http"), ("containerPort", ClusterAddresses.ProjectPort(project)), ("protocol", "TCP")))),
            ("envFrom", envFrom),
            ("env", Y.List(
                Y.Map(("name", "POD_NAME"), ("valueFrom", Y.Map(("fieldRef", Y.Map(("fieldPath", "metadata.name")))))),
                // One service.instance.id per replica, as the AppHost gives each process locally.
                Y.Map(("name", "OTEL_RESOURCE_ATTRIBUTES"), ("value", "service.instance.id=$(POD_NAME)")))),
            // Startup gives a cold start (migrations, JIT) up to 150 s before liveness may restart it.
            ("startupProbe", Probe("/alive", periodSeconds: 5, failureThreshold: 30)),
            ("livenessProbe", Probe("/alive", periodSeconds: 10, failureThreshold: 3)),
            ("readinessProbe", Probe("/health", periodSeconds: 10, failureThreshold: 3)),
            ("resources", Y.Map(
                ("requests", Y.Map(("cpu", "100m"), ("memory", "192Mi"))),
                ("limits", Y.Map(("cpu", "1"), ("memory", "512Mi"))))),
            ("securityContext", ContainerSecurity()),
            ("volumeMounts", Y.List(Y.Map(("name", "tmp"), ("mountPath", "/tmp")))));

        var template = Y.Map(
            ("metadata", Y.Map(
                ("labels", Meta.Labels(name, "service")),
                // Changes the pod template when the ConfigMap changes, so the pods restart with it.
                ("annotations", Y.Map(("checksum/config", Hash(env.Plain)))))),
            ("spec", Y.Map(
                ("serviceAccountName", name),
                ("automountServiceAccountToken", false),
                ("securityContext", Y.Map(
                    ("runAsNonRoot", true),
                    ("runAsUser", AppUid),
                    ("runAsGroup", AppUid),
                    ("fsGroup", AppUid),
                    ("seccompProfile", Y.Map(("type", "RuntimeDefault"))))),
                ("terminationGracePeriodSeconds", 30),
                ("containers", Y.List(container)),
                ("volumes", Y.List(Y.Map(("name", "tmp"), ("emptyDir", Y.Map(("sizeLimit", "64Mi")))))))));

        return Y.Object("apps/v1", "Deployment", meta.Of(name, "service"), ("spec", Y.Map(
            // Where an autoscaler owns the replica count the Deployment names none, or Argo CD's
            // self-heal would reset every scale-out back to the manifest's number.
            ("replicas", HasAutoscaler(project, meta.Options, profile) ? null : meta.Replicas(name, Replicas(project, meta.Options, profile))),
            ("revisionHistoryLimit", 5),
            ("selector", Y.Map(("matchLabels", Meta.Selector(name)))),
            ("strategy", Y.Map(("type", "RollingUpdate"), ("rollingUpdate", Y.Map(("maxSurge", 1), ("maxUnavailable", 0))))),
            ("template", template))));
    }

    public static YMap ContainerSecurity() => Y.Map(
        ("allowPrivilegeEscalation", false),
        ("readOnlyRootFilesystem", true),
        ("runAsNonRoot", true),
        ("capabilities", Y.Map(("drop", Y.List("ALL")))),
        ("seccompProfile", Y.Map(("type", "RuntimeDefault"))));

    private static YMap Probe(string path, int periodSeconds, int failureThreshold) => Y.Map(
        ("httpGet", Y.Map(("path", path), ("port", "http"))),
        ("periodSeconds", periodSeconds),
        ("timeoutSeconds", 3),
        ("failureThreshold", failureThreshold));

    private static YMap Ingress(Workload project, Meta meta, string? host)
    {
        // The AWS Load Balancer Controller (Terraform) provisions an ALB that sends traffic straight
        // to pod IPs and checks /health. With a host it terminates TLS with the ACM certificate it
        // finds for that host (spec.tls) and redirects HTTP to HTTPS.
        var annotations = Y.Map(
            ("alb.ingress.kubernetes.io/scheme", "internet-facing"),
            ("alb.ingress.kubernetes.io/target-type", "ip"),
            ("alb.ingress.kubernetes.io/healthcheck-path", "/health"),
            ("alb.ingress.kubernetes.io/listen-ports", host is null ? "[{\"HTTP\": 80}]" : "[{\"HTTP\": 80}, {\"HTTPS\": 443}]"),
            ("alb.ingress.kubernetes.io/ssl-redirect", host is null ? null : "443"),
            // Sticky: each replica keeps its own ASP.NET data-protection keys, so an antiforgery token
            // issued by one replica is only valid on that replica until the keys are shared.
            ("alb.ingress.kubernetes.io/target-group-attributes", "stickiness.enabled=true,stickiness.lb_cookie.duration_seconds=3600,deregistration_delay.timeout_seconds=30"));
        return Y.Object("networking.k8s.io/v1", "Ingress", meta.Of(project.Name, "service", annotations), ("spec", Y.Map(
            ("ingressClassName", ClusterConventions.IngressClass),
            ("tls", host is null ? null : Y.List(Y.Map(("hosts", Y.List(host))))),
            ("rules", Y.List(Y.Map(("host", host), ("http", Y.Map(("paths", Y.List(Y.Map(
                ("path", "/"),
                ("pathType", "Prefix"),
                ("backend", Y.Map(("service", Y.Map(("name", project.Name), ("port", Y.Map(("name", "http"))))))))))))))))));
    }

    private static string Hash(SortedDictionary<string, string> data)
    {
        var text = string.Join('\n', data.Select(p => p.Key + "=" + p.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
