using System.Text.Json;

namespace Deploy.Generator.Tests;

/// <summary>The generated tree rendered by the real kubectl kustomize, and the chart by <see cref="MiniHelm"/>.</summary>
public sealed class RenderedOverlayTests : IClassFixture<RenderedOverlayTests.FixtureTree>
{
    private readonly FixtureTree tree;

    public RenderedOverlayTests(FixtureTree tree) => this.tree = tree;

    public sealed class FixtureTree : IDisposable
    {
        private readonly TempDirectory directory = Repository.TempDirectory();

        public FixtureTree()
        {
            Cli.GenerateFixture(Kustomize);
            Cli.GenerateFixture(Chart, "helm");
            Dev = Kubectl.RenderOrFail(Path.Combine(Kustomize, "overlays", "dev"));
            Prod = Kubectl.RenderOrFail(Path.Combine(Kustomize, "overlays", "prod"));
        }

        public string Kustomize => Path.Combine(directory.Path, "k8s");
        public string Chart => Path.Combine(directory.Path, "chart");
        public string Dev { get; }
        public string Prod { get; }

        public void Dispose() => directory.Dispose();
    }

    [Theory]
    [InlineData("deploy/k8s/overlays/dev")]
    [InlineData("deploy/k8s/overlays/prod")]
    public void Committed_overlay_renders_with_kubectl_kustomize(string overlay)
    {
        var (exit, output, error) = Kubectl.Kustomize(Repository.Path(overlay));

        Assert.True(exit == 0, error);
        Assert.Contains("kind: Deployment", output);
    }

    [Fact]
    public void Helm_chart_with_default_values_renders_the_prod_overlay_objects()
    {
        var helm = RenderedObjects.Parse(MiniHelm.Render(tree.Chart));
        var prod = RenderedObjects.Parse(tree.Prod);

        Assert.Equal(prod.Keys, helm.Keys);
        Assert.All(prod, o => Assert.Equal(o.Value, helm[o.Key]));
    }

    [Fact]
    public void Helm_values_change_what_they_name()
    {
        var values = MiniHelm.Load("namespace: shop\nimage:\n  registry: example.com/me\n  tag: v9\nreplicas:\n  flagservice: 5\n");
        var template = File.ReadAllText(Path.Combine(tree.Chart, "templates", "flagservice.yaml"));

        var rendered = MiniHelm.RenderTemplate(template, values);

        Assert.Contains("image: \"example.com/me/platform-flagservice:v9\"", rendered);
        Assert.Contains("replicas: 5", rendered);
        Assert.Contains("namespace: \"shop\"", rendered);
    }

    [Fact]
    public void Mini_helm_refuses_template_logic_it_does_not_implement() =>
        Assert.Throws<NotSupportedException>(() => MiniHelm.RenderTemplate("a: {{ include \"x\" . }}", MiniHelm.Load("x: 1")));

    [Fact]
    public void Prod_differs_from_dev_in_replicas_and_autoscalers_only_where_intended()
    {
        var dev = RenderedObjects.Elements(tree.Dev);
        var prod = RenderedObjects.Elements(tree.Prod);

        Assert.DoesNotContain(dev, o => Kind(o) == "HorizontalPodAutoscaler");
        var autoscaled = prod.Where(o => Kind(o) == "HorizontalPodAutoscaler").Select(Name).Order().ToList();
        Assert.Equal(["accounting", "cart", "checkout", "frontend", "payment", "productcatalog"], autoscaled);
        Assert.Equal(1, Replicas(prod, "Deployment", "flagservice"));
        Assert.False(Spec(prod, "Deployment", "cart").TryGetProperty("replicas", out _), "the autoscaler owns cart's replica count in prod");
        Assert.Equal(2, Spec(prod, "HorizontalPodAutoscaler", "cart").GetProperty("minReplicas").GetInt32());
        Assert.Equal(1, Replicas(dev, "Deployment", "cart"));
        Assert.Equal(3, Spec(prod, "Cluster", "postgres").GetProperty("instances").GetInt32());
        Assert.Equal(3, Replicas(prod, "KafkaNodePool", "kafka-pool"));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void No_secret_value_no_secret_object_and_keys_only_under_the_environment_prefix(string environment)
    {
        var objects = RenderedObjects.Elements(environment == "dev" ? tree.Dev : tree.Prod);

        Assert.DoesNotContain(objects, o => Kind(o) == "Secret");
        var externalSecrets = objects.Where(o => Kind(o) == "ExternalSecret").ToList();
        Assert.Equal(["accounting-env", "cart-env", "flagservice-env", "postgres-app", "redis"], externalSecrets.Select(Name).Order());
        foreach (var secret in externalSecrets)
        {
            Assert.Equal("aws-secrets-manager", secret.GetProperty("spec").GetProperty("secretStoreRef").GetProperty("name").GetString());
            foreach (var data in secret.GetProperty("spec").GetProperty("data").EnumerateArray())
            {
                Assert.StartsWith($"platform/{environment}/", data.GetProperty("remoteRef").GetProperty("key").GetString());
            }
        }
        foreach (var configMap in objects.Where(o => Kind(o) == "ConfigMap"))
        {
            Assert.DoesNotContain(configMap.GetProperty("data").EnumerateObject(),
                p => p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase) || p.Value.GetString()!.Contains("assword", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_image_is_pinned_by_a_tag_and_never_latest()
    {
        var images = RenderedObjects.Elements(tree.Prod)
            .Where(o => Kind(o) is "Deployment" or "StatefulSet")
            .SelectMany(o => o.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray())
            .Select(c => c.GetProperty("image").GetString()!)
            .ToList();

        Assert.Equal(8, images.Count);
        Assert.All(images, image =>
        {
            var tag = image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
            Assert.False(string.IsNullOrEmpty(tag), $"{image} has no tag.");
            Assert.NotEqual("latest", tag);
        });
        Assert.Contains("ghcr.io/acme/platform-checkout:0123abcd", images);
    }

    [Fact]
    public void Every_project_has_probes_limits_and_a_locked_down_container()
    {
        foreach (var deployment in RenderedObjects.Elements(tree.Prod).Where(o => Kind(o) == "Deployment"))
        {
            var container = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
            Assert.Equal("/alive", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
            Assert.Equal("/health", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
            Assert.True(container.TryGetProperty("startupProbe", out _));
            Assert.True(container.GetProperty("resources").GetProperty("limits").TryGetProperty("memory", out _));
            var security = container.GetProperty("securityContext");
            Assert.True(security.GetProperty("readOnlyRootFilesystem").GetBoolean());
            Assert.False(security.GetProperty("allowPrivilegeEscalation").GetBoolean());
            Assert.True(security.GetProperty("runAsNonRoot").GetBoolean());
            Assert.Equal("ALL", security.GetProperty("capabilities").GetProperty("drop")[0].GetString());
        }
    }

    [Fact]
    public void Network_policies_allow_exactly_the_model_edges()
    {
        var policies = RenderedObjects.Elements(tree.Prod).Where(o => Kind(o) == "NetworkPolicy").ToDictionary(Name);

        Assert.Equal(["frontend"], Callers(policies["checkout"]));
        Assert.Equal(["accounting", "cart", "checkout", "frontend", "payment", "productcatalog"], Callers(policies["flagservice"]));
        Assert.Equal(["cart"], Callers(policies["redis"]));
        Assert.Equal(["accounting"], Callers(policies["postgres"]));
        Assert.Equal(["accounting", "checkout"], Callers(policies["kafka"]));
        Assert.Empty(Callers(policies["frontend"]));
        Assert.Contains(policies["frontend"].GetProperty("spec").GetProperty("ingress").EnumerateArray(), r => r.GetProperty("from")[0].TryGetProperty("ipBlock", out _));
        var deny = policies["default-deny"].GetProperty("spec");
        Assert.Equal(["Ingress", "Egress"], deny.GetProperty("policyTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.False(deny.TryGetProperty("ingress", out _));
    }

    private static List<string> Callers(JsonElement policy) =>
        [.. policy.GetProperty("spec").GetProperty("ingress").EnumerateArray()
            .SelectMany(r => r.GetProperty("from").EnumerateArray())
            .Where(p => p.TryGetProperty("podSelector", out var s) && s.GetProperty("matchLabels").TryGetProperty("app.kubernetes.io/name", out _))
            .Select(p => p.GetProperty("podSelector").GetProperty("matchLabels").GetProperty("app.kubernetes.io/name").GetString()!)
            .Order()];

    private static string Kind(JsonElement o) => o.GetProperty("kind").GetString()!;

    private static string Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString()!;

    private static JsonElement Spec(List<JsonElement> objects, string kind, string name) =>
        objects.Single(o => Kind(o) == kind && Name(o) == name).GetProperty("spec");

    private static int Replicas(List<JsonElement> objects, string kind, string name) =>
        Spec(objects, kind, name).GetProperty("replicas").GetInt32();

    [Fact]
    public void Postgres_superuser_literals_become_the_application_user()
    {
        var objects = RenderedObjects.Elements(tree.Prod);
        var accounting = objects.Single(o => Kind(o) == "ExternalSecret" && Name(o) == "accounting-env")
            .GetProperty("spec").GetProperty("target").GetProperty("template").GetProperty("data");
        var config = objects.Single(o => Kind(o) == "ConfigMap" && Name(o) == "accounting-env").GetProperty("data");

        Assert.Equal("{{ .postgres_username }}", accounting.GetProperty("ACCOUNTINGDB_USERNAME").GetString());
        Assert.StartsWith("postgresql://{{ .postgres_username | urlquery }}:{{ .postgres_password | urlquery }}@postgres-rw:5432/", accounting.GetProperty("ACCOUNTINGDB_URI").GetString());
        Assert.False(config.TryGetProperty("ACCOUNTINGDB_USERNAME", out _));
        Assert.Equal("postgres-rw", config.GetProperty("ACCOUNTINGDB_HOST").GetString());
    }
}
