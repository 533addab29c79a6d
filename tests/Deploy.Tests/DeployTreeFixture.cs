namespace Platform.Deploy.Tests;

/// <summary>
/// A complete deploy/ tree that passes every check: the repository's own deploy/argocd and
/// deploy/observability plus a small generated-style deploy/k8s (checkout calls payment; payment
/// calls nothing). A broken-fixture test changes one file and expects the one finding it causes.
/// </summary>
public sealed class DeployTreeFixture : IDisposable
{
    private readonly Fixture _fixture = new();

    public DeployTreeFixture(bool withK8s = true)
    {
        CopyDirectory(Path.Combine(DeployChecks.RepoRoot, "deploy", "argocd"), Path.Combine(DeployDir, "argocd"));
        CopyDirectory(Path.Combine(DeployChecks.RepoRoot, "deploy", "observability"), Path.Combine(DeployDir, "observability"));
        if (withK8s)
        {
            foreach (var (path, content) in K8sFiles())
            {
                With(path, content);
            }
        }
    }

    public string DeployDir => Path.Combine(_fixture.Root, "deploy");

    public DeployTreeFixture With(string relativePath, string content)
    {
        // Files end with a newline, as yamllint requires (raw string literals do not).
        _fixture.With(Path.Combine("deploy", relativePath), content.EndsWith('\n') ? content : content + "\n");
        return this;
    }

    /// <summary>Replaces one exact piece of text in a file of the tree (it must be there).</summary>
    public DeployTreeFixture Replace(string relativePath, string oldText, string newText)
    {
        var path = Path.Combine(DeployDir, relativePath);
        var text = File.ReadAllText(path);
        Assert.True(text.Contains(oldText, StringComparison.Ordinal), $"{relativePath} does not contain \"{oldText}\"");
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
        return this;
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(DeployDir, relativePath));

    /// <summary>Runs the deploy checks (all, or the named ones) over this tree.</summary>
    public Task<IReadOnlyList<Finding>> CheckAsync(string? only = null)
    {
        var arguments = new List<string> { "--deploy-dir", DeployDir };
        if (only is not null)
        {
            arguments.AddRange(["--only", only]);
        }
        return DeployChecks.RunAsync("deploy", [.. arguments]);
    }

    public void Dispose() => _fixture.Dispose();

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Workload(string name, string image) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: 2
          selector:
            matchLabels:
              app.kubernetes.io/name: {{name}}
          template:
            metadata:
              labels:
                app.kubernetes.io/name: {{name}}
            spec:
              automountServiceAccountToken: false
              securityContext:
                runAsNonRoot: true
                runAsUser: 1654
              containers:
                - name: {{name}}
                  image: {{image}}
                  ports:
                    - name: http
                      containerPort: 8080
                  envFrom:
                    - configMapRef:
                        name: {{name}}-env
                  securityContext:
                    readOnlyRootFilesystem: true
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop: ["ALL"]
                  resources:
                    requests:
                      cpu: 100m
                      memory: 128Mi
                    limits:
                      memory: 256Mi
                  startupProbe:
                    httpGet:
                      path: /alive
                      port: http
                  livenessProbe:
                    httpGet:
                      path: /alive
                      port: http
                  readinessProbe:
                    httpGet:
                      path: /health
                      port: http
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {{name}}
        spec:
          selector:
            app.kubernetes.io/name: {{name}}
          ports:
            - name: http
              port: 8080
              targetPort: http
        """;

    private static IEnumerable<(string Path, string Content)> K8sFiles()
    {
        yield return ("k8s/base/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: platform
            resources:
              - checkout.yaml
              - payment.yaml
              - config.yaml
              - network-policies.yaml
            """);
        yield return ("k8s/base/checkout.yaml", Workload("checkout", "ghcr.io/acme/platform-checkout:0123abc"));
        yield return ("k8s/base/payment.yaml", Workload("payment", "ghcr.io/acme/platform-payment:0123abc"));
        yield return ("k8s/base/config.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: checkout-env
            data:
              services__payment__http__0: http://payment:8080
              OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector.observability:4317
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: payment-env
            data:
              OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector.observability:4317
            """);
        yield return ("k8s/base/network-policies.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny
            spec:
              podSelector: {}
              policyTypes: ["Ingress", "Egress"]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: dns-and-telemetry
            spec:
              podSelector: {}
              policyTypes: ["Egress"]
              egress:
                - to:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: kube-system
                  ports:
                    - protocol: UDP
                      port: 53
                - to:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: observability
                  ports:
                    - protocol: TCP
                      port: 4317
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: payment-from-checkout
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/name: payment
              policyTypes: ["Ingress"]
              ingress:
                - from:
                    - podSelector:
                        matchLabels:
                          app.kubernetes.io/name: checkout
                  ports:
                    - protocol: TCP
                      port: http
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: checkout-to-payment
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/name: checkout
              policyTypes: ["Egress"]
              egress:
                - to:
                    - podSelector:
                        matchLabels:
                          app.kubernetes.io/name: payment
                  ports:
                    - protocol: TCP
                      port: http
            """);
        foreach (var env in new[] { "dev", "prod" })
        {
            yield return ($"k8s/overlays/{env}/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: platform
                resources:
                  - ../../base
                  - external-secrets.yaml
                """);
            yield return ($"k8s/overlays/{env}/external-secrets.yaml", $$"""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: postgresql
                spec:
                  refreshInterval: 1h
                  secretStoreRef:
                    kind: ClusterSecretStore
                    name: aws-secrets-manager
                  target:
                    name: postgresql
                  data:
                    - secretKey: password
                      remoteRef:
                        key: platform/{{env}}/postgresql
                        property: password
                """);
        }
    }
}
