using System.Text.Json;

namespace Deploy.Generator.Tests;

public sealed class IngressHostTests
{
    [Fact]
    public void Host_for_prod_gives_https_with_redirect_in_prod_only_and_the_chart_follows()
    {
        using var output = Repository.TempDirectory();
        var kustomize = Path.Combine(output.Path, "k8s");
        var chart = Path.Combine(output.Path, "chart");
        foreach (var (format, path) in new[] { ("kustomize", kustomize), ("helm", chart) })
        {
            var (exit, _, error) = Cli.Run("-m", Repository.Fixture("aspire-manifest.json"), "--container-registry", "ghcr.io/acme", "--container-image-tag", "0123abcd",
                "--ingress-host", "prod=shop.example.com", "--output-format", format, "-o", path, "--non-interactive");
            Assert.True(exit == 0, error);
        }

        var prod = Kubectl.RenderOrFail(Path.Combine(kustomize, "overlays", "prod"));
        var dev = Kubectl.RenderOrFail(Path.Combine(kustomize, "overlays", "dev"));

        var prodIngress = Ingress(prod);
        Assert.Equal("shop.example.com", prodIngress.GetProperty("spec").GetProperty("tls")[0].GetProperty("hosts")[0].GetString());
        Assert.Equal("shop.example.com", prodIngress.GetProperty("spec").GetProperty("rules")[0].GetProperty("host").GetString());
        var annotations = prodIngress.GetProperty("metadata").GetProperty("annotations");
        Assert.Equal("443", annotations.GetProperty("alb.ingress.kubernetes.io/ssl-redirect").GetString());
        Assert.Contains("HTTPS", annotations.GetProperty("alb.ingress.kubernetes.io/listen-ports").GetString());
        Assert.False(Ingress(dev).GetProperty("spec").TryGetProperty("tls", out _));
        Assert.Equal(RenderedObjects.Parse(prod), RenderedObjects.Parse(MiniHelm.Render(chart)));
    }

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("staging=shop.example.com")]
    [InlineData("prod=not a host")]
    public void Malformed_ingress_host_names_the_option_and_the_form(string value)
    {
        var (exit, _, error) = Cli.Run("-m", Repository.Fixture("aspire-manifest.json"), "--container-registry", "ghcr.io/acme", "--container-image-tag", "0123abcd",
            "--ingress-host", value, "--non-interactive");

        Assert.Equal(1, exit);
        Assert.Contains("--ingress-host", error);
        Assert.Contains("prod=shop.example.com", error);
    }

    private static JsonElement Ingress(string yaml) =>
        RenderedObjects.Elements(yaml).Single(o => o.GetProperty("kind").GetString() == "Ingress");
}
