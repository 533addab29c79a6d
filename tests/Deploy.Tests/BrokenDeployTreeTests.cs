namespace Platform.Deploy.Tests;

/// <summary>
/// The deploy/ checks over a complete, valid tree and over trees broken one way each: every check
/// passes the valid tree and reports the break it exists for.
/// </summary>
public class BrokenDeployTreeTests
{
    private static void AssertReported(IReadOnlyList<Finding> findings, string check, string fragment) =>
        Assert.True(findings.Any(f => f.Check == check && f.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected a [{check}] finding containing \"{fragment}\", got:\n" + string.Join('\n', findings));

    [Fact]
    public async Task Valid_tree_passes_every_check()
    {
        using var tree = new DeployTreeFixture();

        var findings = await tree.CheckAsync();

        Assert.True(findings.Count == 0, "findings on the valid tree:\n" + string.Join('\n', findings));
    }

    [Fact]
    public async Task Missing_generated_tree_is_reported()
    {
        using var tree = new DeployTreeFixture(withK8s: false);

        var findings = await tree.CheckAsync(only: "gitops");

        AssertReported(findings, "generated", "deploy/k8s does not exist");
    }

    [Fact]
    public async Task Overlay_naming_a_missing_resource_fails_to_render()
    {
        using var tree = new DeployTreeFixture().Replace("k8s/overlays/prod/kustomization.yaml", "- external-secrets.yaml", "- external-secret.yaml");

        var findings = await tree.CheckAsync(only: "gitops");

        Assert.Contains(findings, f => f.Check == "kustomize" && f.File == Path.Combine("k8s", "overlays", "prod"));
    }

    [Fact]
    public async Task Manifest_no_kustomization_uses_is_reported()
    {
        using var tree = new DeployTreeFixture().With("argocd/base/operators/cert-manager.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: cert-manager\n");

        var findings = await tree.CheckAsync(only: "gitops");

        Assert.Contains(findings, f => f.Check == "kustomize" && f.File == Path.Combine("argocd", "base", "operators", "cert-manager.yaml") && f.Message.Contains("never applies it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Misspelled_fields_fail_the_schema_check_for_every_api()
    {
        using var tree = new DeployTreeFixture()
            .Replace("k8s/base/checkout.yaml", "  replicas: 2", "  replica: 2")
            .Replace("k8s/overlays/dev/external-secrets.yaml", "refreshInterval", "refreshInterwal")
            .Replace("argocd/base/platform.yaml", "selfHeal: true", "selfheal: true")
            .With("k8s/overlays/dev/kafka.yaml", """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: orders
                spec:
                  partitions: 3
                  replica: 1
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: postgres
                spec:
                  instance: 1
                  storage:
                    size: 1Gi
                """)
            .Replace("k8s/overlays/dev/kustomization.yaml", "  - external-secrets.yaml", "  - external-secrets.yaml\n  - kafka.yaml");

        var findings = await tree.CheckAsync(only: "schema");

        AssertReported(findings, "schema", "Deployment/checkout: Object literal may only specify known properties, and '\"replica\"' does not exist in type 'IDeploymentSpec'");
        AssertReported(findings, "schema", "'\"refreshInterwal\"' does not exist");
        AssertReported(findings, "schema", "'\"selfheal\"' does not exist");
        AssertReported(findings, "schema", "KafkaTopic/orders: Object literal may only specify known properties, and '\"replica\"'");
        AssertReported(findings, "schema", "Cluster/postgres: Object literal may only specify known properties, and '\"instance\"'");
    }

    [Fact]
    public async Task Kind_without_a_schema_is_reported()
    {
        using var tree = new DeployTreeFixture()
            .With("k8s/overlays/dev/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n")
            .Replace("k8s/overlays/dev/kustomization.yaml", "  - external-secrets.yaml", "  - external-secrets.yaml\n  - widget.yaml");

        var findings = await tree.CheckAsync(only: "schema");

        AssertReported(findings, "schema", "no schema for example.com/v1 Widget");
    }

    [Fact]
    public async Task Unhardened_container_is_reported()
    {
        using var tree = new DeployTreeFixture()
            .Replace("k8s/base/payment.yaml", "image: ghcr.io/acme/platform-payment:0123abc", "image: ghcr.io/acme/platform-payment:latest")
            .Replace("k8s/base/payment.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
            .Replace("k8s/base/payment.yaml", "drop: [\"ALL\"]", "drop: [\"NET_RAW\"]")
            .Replace("k8s/base/payment.yaml", "            limits:\n              memory: 256Mi\n", "")
            .Replace("k8s/base/payment.yaml", "          startupProbe:\n            httpGet:\n              path: /alive\n              port: http\n", "");

        var findings = await tree.CheckAsync(only: "policy");

        AssertReported(findings, "policy", "Deployment/payment container payment: image \"ghcr.io/acme/platform-payment:latest\" is not pinned");
        AssertReported(findings, "policy", "container payment: readOnlyRootFilesystem is not true");
        AssertReported(findings, "policy", "container payment: capabilities.drop does not include ALL");
        AssertReported(findings, "policy", "container payment: has no memory limit");
        AssertReported(findings, "policy", "container payment: has no startupProbe");
        Assert.DoesNotContain(findings, f => f.Message.Contains("Deployment/checkout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secret_values_in_git_are_reported()
    {
        using var tree = new DeployTreeFixture()
            .Replace("k8s/base/config.yaml", "  services__payment__http__0: http://payment:8080",
                "  services__payment__http__0: http://payment:8080\n  ConnectionStrings__accountingdb: Host=postgres-rw;Username=accounting;Password=hunter2")
            .With("k8s/overlays/dev/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\nstringData:\n  token: abc\n")
            .Replace("k8s/overlays/dev/kustomization.yaml", "  - external-secrets.yaml", "  - external-secrets.yaml\n  - secret.yaml");

        var findings = await tree.CheckAsync(only: "policy");

        AssertReported(findings, "policy", "ConfigMap/checkout-env: data.ConnectionStrings__accountingdb holds a secret value in plain text");
        AssertReported(findings, "policy", "Secret/leaked: a Secret with data is committed");
    }

    [Fact]
    public async Task External_secret_key_outside_the_environment_prefix_is_reported()
    {
        using var tree = new DeployTreeFixture().Replace("k8s/overlays/dev/external-secrets.yaml", "key: platform/dev/postgresql", "key: platform/prod/postgresql");

        var findings = await tree.CheckAsync(only: "policy");

        AssertReported(findings, "policy", "ExternalSecret/postgresql: remote key \"platform/prod/postgresql\" is not under platform/dev/");
    }

    [Fact]
    public async Task External_secret_naming_a_secret_or_property_terraform_does_not_write_is_reported()
    {
        using var tree = new DeployTreeFixture()
            .Replace("k8s/overlays/dev/external-secrets.yaml", "key: platform/dev/postgresql", "key: platform/dev/mongodb")
            .Replace("k8s/overlays/prod/external-secrets.yaml", "property: password", "property: passwd");

        var findings = await tree.CheckAsync(only: "gitops");

        AssertReported(findings, "gitops", "remote key platform/dev/mongodb: Terraform writes no secret \"mongodb\"");
        AssertReported(findings, "gitops", "remote key platform/prod/postgresql has no property \"passwd\"");
    }

    [Fact]
    public async Task Caller_without_an_ingress_edge_is_reported()
    {
        using var tree = new DeployTreeFixture().Replace("k8s/base/network-policies.yaml", "app.kubernetes.io/name: checkout\n      ports:", "app.kubernetes.io/name: frontend\n      ports:");

        var findings = await tree.CheckAsync(only: "netpol");

        AssertReported(findings, "netpol", "Service/payment: checkout calls payment but no NetworkPolicy ingress rule admits it");
    }

    [Fact]
    public async Task Edge_to_a_service_nobody_calls_is_reported()
    {
        using var tree = new DeployTreeFixture().With("k8s/base/extra-edge.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: checkout-from-payment
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/name: checkout
              policyTypes: ["Ingress"]
              ingress:
                - from:
                    - podSelector:
                        matchLabels:
                          app.kubernetes.io/name: payment
            """).Replace("k8s/base/kustomization.yaml", "  - network-policies.yaml", "  - network-policies.yaml\n  - extra-edge.yaml");

        var findings = await tree.CheckAsync(only: "netpol");

        AssertReported(findings, "netpol", "Service/checkout: a NetworkPolicy admits payment to checkout, which payment never calls");
    }

    [Fact]
    public async Task Missing_default_deny_and_missing_egress_are_reported()
    {
        using var tree = new DeployTreeFixture()
            .Replace("k8s/base/network-policies.yaml", "name: default-deny", "name: allow-all")
            .Replace("k8s/base/network-policies.yaml", "  podSelector: {}\n  policyTypes: [\"Ingress\", \"Egress\"]\n", "  podSelector: {}\n  policyTypes: [\"Ingress\"]\n")
            .Replace("k8s/base/network-policies.yaml", "app.kubernetes.io/name: payment\n      ports:", "app.kubernetes.io/name: redis\n      ports:");

        var findings = await tree.CheckAsync(only: "netpol");

        AssertReported(findings, "netpol", "namespace platform: no default-deny NetworkPolicy");
        AssertReported(findings, "netpol", "Deployment/checkout: calls payment but no NetworkPolicy egress rule lets it");
    }

    [Fact]
    public async Task Unpinned_chart_wrong_region_and_wave_order_are_reported()
    {
        using var tree = new DeployTreeFixture()
            .Replace("argocd/base/observability/tempo.yaml", "targetRevision: 1.23.3", "targetRevision: 1.*")
            .Replace("argocd/base/cluster-secret-store.yaml", "region: eu-west-1", "region: us-east-1")
            .Replace("argocd/base/platform.yaml", "sync-wave: \"0\"", "sync-wave: \"-30\"")
            .Replace("argocd/base/operators/strimzi.yaml", "    retry:\n      limit: 5", "    retry:\n      limit: 0");

        var findings = await tree.CheckAsync(only: "gitops");

        AssertReported(findings, "gitops", "Application/tempo: chart tempo is not pinned to an exact version (targetRevision \"1.*\")");
        AssertReported(findings, "gitops", "region us-east-1 is not Terraform's region eu-west-1");
        AssertReported(findings, "gitops", "Application/platform-workloads: sync wave -30 is not after the operators and the ClusterSecretStore (-20)");
        AssertReported(findings, "gitops", "Application/strimzi: no sync retry");
    }

    [Fact]
    public async Task Application_path_that_does_not_exist_is_reported()
    {
        using var tree = new DeployTreeFixture().Replace("argocd/prod/kustomization.yaml", "value: deploy/k8s/overlays/prod", "value: deploy/k8s/overlays/production");

        var findings = await tree.CheckAsync(only: "gitops");

        AssertReported(findings, "gitops", "Application/platform-workloads: path deploy/k8s/overlays/production does not exist");
    }

    [Fact]
    public async Task Broken_dashboards_are_reported()
    {
        const string Dashboards = "observability/grafana/base/dashboards/";
        using var tree = new DeployTreeFixture()
            .Replace(Dashboards + "platform-red.json", "\"uid\": \"prometheus\"", "\"uid\": \"mimir\"")
            .Replace(Dashboards + "checkout-orders.json", "\"exemplar\": true", "\"exemplar\": false")
            .Replace(Dashboards + "kafka-consumer-lag.json", "sum by (messaging_consumer_group_name) (app_kafka_consumer_lag)", "sum by (messaging_consumer_group_name) (app_kafka_consumer_lag")
            .Replace(Dashboards + "flag-changes.json", "app_feature_flag_fallbacks_total", "app_feature_flag_fallbacks")
            .With(Dashboards + "broken.json", "{ \"uid\": \"x\", ");

        var findings = await tree.CheckAsync(only: "dashboards");

        AssertReported(findings, "dashboards", "datasource uid \"mimir\" does not exist");
        AssertReported(findings, "dashboards", "panel \"Checkout latency p95 (POST routes of checkout)\" target A: a latency panel without exemplars");
        AssertReported(findings, "promql", "panel \"Total lag per group\" target A:");
        AssertReported(findings, "metrics", "panel \"Fallbacks to defaults per second\" target A: metric app_feature_flag_fallbacks is not emitted");
        Assert.Contains(findings, f => f.Check == "dashboards" && f.File.EndsWith("broken.json", StringComparison.Ordinal) && f.Message.StartsWith("not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_metric_the_platform_does_not_export_is_reported()
    {
        // The instrument's name without the unit suffix the Collector adds: plausible, and never in Prometheus.
        using var tree = new DeployTreeFixture().Replace("observability/grafana/base/dashboards/platform-red.json",
            "rate(http_client_request_duration_seconds_bucket{", "rate(http_client_request_duration_bucket{");

        var findings = await tree.CheckAsync(only: "dashboards");

        AssertReported(findings, "metrics", "metric http_client_request_duration_bucket is not emitted by the Platform (exported metrics alike in observability/exported-metrics.txt: http_client_request_duration_seconds_bucket");
    }

    [Fact]
    public async Task Metric_dropped_from_the_exported_list_is_reported()
    {
        // What the whole-system test writes when the Platform stops exporting a metric a dashboard uses.
        using var tree = new DeployTreeFixture();
        var list = Path.Combine(tree.DeployDir, "observability", "exported-metrics.txt");
        File.WriteAllLines(list, File.ReadAllLines(list).Where(l => !l.StartsWith("app_cart_items_added_total\t", StringComparison.Ordinal)));

        var findings = await tree.CheckAsync(only: "dashboards");

        AssertReported(findings, "metrics", "panel \"Items added to carts per minute\" target A: metric app_cart_items_added_total is not emitted");
    }

    [Fact]
    public async Task Missing_exported_list_is_reported()
    {
        using var tree = new DeployTreeFixture();
        tree.Delete("observability/exported-metrics.txt");

        var findings = await tree.CheckAsync(only: "dashboards");

        AssertReported(findings, "metrics", "the list of exported metrics is missing");
    }

    [Fact]
    public async Task Recording_and_alerting_rules_are_checked_like_dashboards()
    {
        using var tree = new DeployTreeFixture().With("observability/rules/platform.rules.yaml", """
            groups:
              - name: platform
                rules:
                  - record: service:http_server_requests:rate5m
                    expr: sum by (service_name) (rate(http_server_request_duration_seconds_count[5m]))
                  - alert: CheckoutFailing
                    expr: sum(rate(app_checkout_failed_total[5m])) > 0
                  - alert: NoTraffic
                    expr: sum(service:http_server_requests:rate5m) == 0
                  - alert: Broken
                    expr: sum(rate(app_orders_placed_total[5m]) > 0
            """);

        var findings = await tree.CheckAsync(only: "dashboards");

        AssertReported(findings, "metrics", "groups group \"platform\" alert CheckoutFailing: metric app_checkout_failed_total is not emitted");
        AssertReported(findings, "promql", "groups group \"platform\" alert Broken:");
        // A recorded series is a name the other rules may use.
        Assert.DoesNotContain(findings, f => f.Message.Contains("service:http_server_requests:rate5m is not emitted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Yaml_lint_errors_are_reported()
    {
        using var tree = new DeployTreeFixture().With("argocd/base/extra.yaml", "key: 1\nkey: 2\nlist:\n    - a\n");

        var findings = await tree.CheckAsync(only: "yamllint");

        Assert.Contains(findings, f => f.Check == "yamllint" && f.File == Path.Combine("argocd", "base", "extra.yaml") && f.Message.Contains("key-duplicates", StringComparison.Ordinal));
    }
}
