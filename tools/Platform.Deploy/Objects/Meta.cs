using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>Metadata and labels every generated object shares.</summary>
internal sealed class Meta(GeneratorOptions options, bool helm)
{
    public const string NameLabel = "app.kubernetes.io/name";

    public GeneratorOptions Options => options;

    /// <summary>The namespace, a Helm value in the chart.</summary>
    public object Namespace => helm ? new HelmValue("{{ .Values.namespace }}", options.Namespace) : options.Namespace;

    public object Image(string project) => helm
        ? new HelmValue($"{{{{ .Values.image.registry }}}}/platform-{project}:{{{{ .Values.image.tag }}}}", options.ImageOf(project))
        : options.ImageOf(project);

    public object Replicas(string project, int replicas) => helm ? new HelmValue($"{{{{ .Values.replicas.{project} }}}}", replicas) : replicas;

    public static YMap Selector(string name) => Y.Map((NameLabel, name));

    public static YMap Labels(string name, string component) => Y.Map(
        (NameLabel, name),
        ("app.kubernetes.io/component", component),
        ("app.kubernetes.io/part-of", ClusterConventions.PartOf),
        ("app.kubernetes.io/managed-by", "platform-deploy"));

    /// <summary>Metadata of an object named <paramref name="name"/> that belongs to <paramref name="app"/> (default: itself).</summary>
    public YMap Of(string name, string component, YMap? annotations = null, YMap? extraLabels = null, string? app = null)
    {
        var labels = Labels(app ?? name, component);
        foreach (var (key, value) in extraLabels ?? [])
        {
            labels[key] = value;
        }
        return Y.Map(("name", name), ("namespace", Namespace), ("labels", labels), ("annotations", annotations));
    }
}
