namespace Platform.Deploy.Model;

/// <summary>
/// Names shared with the rest of <c>deploy/</c> (Argo CD tree, observability stack, Terraform).
/// Another part of the repository must agree with each one, so they live in this one place.
/// </summary>
internal static class ClusterConventions
{
    /// <summary>The External Secrets ClusterSecretStore (AWS Secrets Manager) that deploy/argocd defines.</summary>
    public const string SecretStore = "aws-secrets-manager";

    /// <summary>Namespace and Service of the in-cluster OpenTelemetry Collector (OTLP gRPC 4317, HTTP 4318).</summary>
    public const string CollectorNamespace = "observability";
    public const string CollectorEndpoint = "http://otel-collector.observability:4317";
    public static readonly int[] CollectorPorts = [4317, 4318];

    /// <summary>Namespaces the CloudNativePG and Strimzi operators run in (their Helm releases in deploy/argocd).</summary>
    public const string CnpgOperatorNamespace = "cnpg-system";
    public const string StrimziOperatorNamespace = "strimzi";

    /// <summary>The AWS Load Balancer Controller's IngressClass (installed by infra/terraform/modules/argocd-bootstrap).</summary>
    public const string IngressClass = "alb";

    /// <summary>
    /// Where the ALB reaches pods from (target type ip): the VPC. infra/terraform/modules/cluster's
    /// default <c>vpc_cidr</c>; pass --ingress-source-cidr when the VPC differs.
    /// </summary>
    public const string DefaultIngressSourceCidr = "10.0.0.0/16";

    /// <summary>Secrets Manager names: <c>platform/&lt;env&gt;/&lt;key&gt;</c>, the prefix the cluster's IAM policy allows.</summary>
    public static string SecretsPrefix(string environment) => $"platform/{environment}";

    /// <summary>PostgreSQL user that owns the application database; Terraform writes it as the <c>username</c> of <c>postgresql</c>.</summary>
    public const string PostgresAppUser = "accounting";

    /// <summary>Label every generated object carries.</summary>
    public const string PartOf = "platform";
}
