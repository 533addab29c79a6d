using System.CommandLine;
using System.Text.RegularExpressions;
using Platform.Deploy.Manifest;
using Platform.Deploy.Model;

namespace Platform.Deploy.Cli;

/// <summary>
/// The command line, with Aspirate's option names where they fit:
/// <code>platform-deploy --container-registry ghcr.io/acme --container-image-tag 1a2b3c4 --non-interactive</code>
/// </summary>
internal static partial class GenerateCommand
{
    private static readonly Option<string> Manifest = new("--aspire-manifest", "-m")
    {
        Description = "The Aspire manifest to read.",
        DefaultValueFactory = _ => "deploy/aspire-manifest.json",
    };

    private static readonly Option<string?> AppHost = new("--apphost", "--project-path", "-p")
    {
        Description = "Run this AppHost's manifest publisher first (dotnet run --project <apphost> -- --publisher manifest), writing --aspire-manifest.",
    };

    private static readonly Option<string?> OutputPath = new("--output-path", "-o")
    {
        Description = "Where to write: default deploy/k8s (kustomize) or deploy/chart/platform (helm).",
    };

    private static readonly Option<string> Format = new("--output-format")
    {
        Description = "kustomize: base per resource + overlays dev and prod. helm: a chart of the prod objects.",
        DefaultValueFactory = _ => "kustomize",
    };

    private static readonly Option<string?> Registry = new("--container-registry")
    {
        Description = "Registry and owner of the service images, e.g. ghcr.io/acme: images are <registry>/platform-<service>:<tag>.",
    };

    private static readonly Option<string?> Tag = new("--container-image-tag")
    {
        Description = "Tag of the service images (the commit sha .github/workflows/images.yml pushes). Never 'latest'.",
    };

    private static readonly Option<string> Namespace = new("--namespace")
    {
        Description = "Namespace of every Platform object.",
        DefaultValueFactory = _ => "platform",
    };

    private static readonly Option<string[]> SingleReplica = new("--single-replica")
    {
        Description = "A project that keeps one replica and no autoscaler (it holds state), e.g. flagservice. Repeatable.",
        DefaultValueFactory = _ => [],
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string> IngressSourceCidr = new("--ingress-source-cidr")
    {
        Description = "Address range the load balancer reaches external services from (the VPC CIDR).",
        DefaultValueFactory = _ => ClusterConventions.DefaultIngressSourceCidr,
    };

    private static readonly Option<string[]> IngressHost = new("--ingress-host")
    {
        Description = "<env>=<host>: serve the external project on this host name in that environment (dev or prod) over HTTPS, with the ACM certificate the ALB finds for the host, and redirect HTTP to it. Repeatable. Without it the ALB listens on plain HTTP.",
        DefaultValueFactory = _ => [],
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> FromGeneration = new("--from-generation")
    {
        Description = "Take every option not given on the command line from a generation.json an earlier run wrote (e.g. deploy/k8s/generation.json): regenerate the same tree, or the same with a new --container-image-tag.",
    };

    private static readonly Option<bool> NonInteractive = new("--non-interactive")
    {
        Description = "Never prompt: a missing required option is an error (CI).",
    };

    public static RootCommand Create(TextWriter output, TextWriter error, TextReader input, bool canPrompt)
    {
        Format.AcceptOnlyFromAmong("kustomize", "helm");
        var root = new RootCommand(
            "Generates Kubernetes manifests (kustomize base + dev/prod overlays, or a Helm chart) from the Platform's Aspire manifest: "
            + "Deployments with probes and a locked-down security context, Services, ConfigMaps, ExternalSecrets (never a secret value), "
            + "CloudNativePG, Strimzi and a Redis StatefulSet for the data stores, NetworkPolicies, an ALB Ingress.")
        {
            Manifest, AppHost, OutputPath, Format, Registry, Tag, Namespace, SingleReplica, IngressSourceCidr, IngressHost, FromGeneration, NonInteractive,
        };
        root.SetAction(result => Run(result, output, error, input, canPrompt));
        return root;
    }

    private static int Run(ParseResult result, TextWriter output, TextWriter error, TextReader input, bool canPrompt)
    {
        try
        {
            var interactive = canPrompt && !result.GetValue(NonInteractive);
            var record = result.GetValue(FromGeneration) is { } recordPath ? ReadRecord(recordPath) : null;
            var manifestPath = Pick(result, Manifest, record?.AspireManifest)!;
            var format = result.GetValue(Format) == "helm" ? OutputFormat.Helm : OutputFormat.Kustomize;
            var options = new GeneratorOptions(
                Required(Pick(result, Registry, record?.ContainerRegistry), "--container-registry", "the registry and owner of the images, e.g. --container-registry ghcr.io/acme", interactive, output, input),
                Required(Pick(result, Tag, record?.ContainerImageTag), "--container-image-tag", "the tag the images workflow pushed (the commit sha), e.g. --container-image-tag $(git rev-parse HEAD)", interactive, output, input),
                Pick(result, Namespace, record?.Namespace)!,
                [.. (Pick(result, SingleReplica, record?.SingleReplica.ToArray()) ?? []).Order(StringComparer.Ordinal)],
                Pick(result, IngressSourceCidr, record?.IngressSourceCidr)!,
                [.. (Pick(result, IngressHost, record?.IngressHosts?.ToArray()) ?? []).Order(StringComparer.Ordinal)]);
            Validate(options);

            if (result.GetValue(AppHost) is { } appHost)
            {
                AppHostPublisher.Publish(appHost, manifestPath);
            }

            var manifest = AspireManifest.Load(manifestPath);
            var outputPath = result.GetValue(OutputPath) ?? (format == OutputFormat.Kustomize ? "deploy/k8s" : "deploy/chart/platform");
            foreach (var project in options.SingleReplica.Where(p => manifest.Resources.GetValueOrDefault(p)?.Type is not ("project.v0" or "project.v1")))
            {
                throw new GeneratorException($"--single-replica {project}: the manifest has no project '{project}'.");
            }
            var (files, notes) = Generator.Generate(manifest, options, format, manifestPath.Replace('\\', '/'));
            files.WriteTo(outputPath, Generator.OwnedFolders(format));
            foreach (var note in notes)
            {
                output.WriteLine($"note: {note}");
            }
            output.WriteLine($"Wrote {files.Files.Count} files ({format.ToString().ToLowerInvariant()}) to {outputPath} from {manifestPath}.");
            return 0;
        }
        catch (GeneratorException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>The command line's value when the option was given, else the record's, else the option's default.</summary>
    private static T? Pick<T>(ParseResult result, Option<T> option, T? recorded)
    {
        var given = result.GetResult(option) is { Implicit: false };
        return given || recorded is null ? result.GetValue(option) : recorded;
    }

    private static GenerationRecord ReadRecord(string path) => File.Exists(path)
        ? GenerationRecord.Read(path)
        : throw new GeneratorException($"--from-generation '{path}' does not exist; pass the generation.json of a generated tree, e.g. deploy/k8s/generation.json.");

    private static string Required(string? value, string option, string fix, bool interactive, TextWriter output, TextReader input)
    {
        if (string.IsNullOrWhiteSpace(value) && interactive)
        {
            output.Write($"{option} ({fix}): ");
            value = input.ReadLine();
        }
        return string.IsNullOrWhiteSpace(value)
            ? throw new GeneratorException($"{option} is required: pass {fix}.")
            : value.Trim();
    }

    private static void Validate(GeneratorOptions options)
    {
        if (options.ContainerImageTag == "latest" || !TagPattern().IsMatch(options.ContainerImageTag))
        {
            throw new GeneratorException($"--container-image-tag '{options.ContainerImageTag}' is not a pinned tag: pass the commit sha the images were pushed with (letters, digits, '.', '_', '-'; never 'latest').");
        }
        if (!RegistryPattern().IsMatch(options.ContainerRegistry))
        {
            throw new GeneratorException($"--container-registry '{options.ContainerRegistry}' is not a registry path: pass host[/owner] in lower case without a scheme or trailing slash, e.g. ghcr.io/acme.");
        }
        if (!DnsLabel().IsMatch(options.Namespace))
        {
            throw new GeneratorException($"--namespace '{options.Namespace}' is not a Kubernetes namespace name: lower-case letters, digits and '-', at most 63 characters.");
        }
        foreach (var host in options.IngressHosts)
        {
            var parts = host.Split('=', 2);
            if (parts.Length != 2 || !EnvironmentProfile.All.Any(e => e.Name == parts[0]) || !HostName().IsMatch(parts[1]))
            {
                throw new GeneratorException($"--ingress-host '{host}' is not <env>=<host name>: pass e.g. --ingress-host prod=shop.example.com (environments: {string.Join(", ", EnvironmentProfile.All.Select(e => e.Name))}).");
            }
        }
        if (!System.Net.IPNetwork.TryParse(options.IngressSourceCidr, out _))
        {
            throw new GeneratorException($"--ingress-source-cidr '{options.IngressSourceCidr}' is not a CIDR such as 10.0.0.0/16.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+([.-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex HostName();
}
