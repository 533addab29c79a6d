using System.Text.RegularExpressions;
using Platform.Deploy.Manifest;

namespace Platform.Deploy.Model;

/// <summary>What a manifest resource becomes in the cluster.</summary>
internal enum WorkloadKind
{
    Project,
    Postgres,
    PostgresDatabase,
    Redis,
    Kafka,
    Parameter,
    Value,
}

/// <summary>A manifest resource with the kind the generator chose for it.</summary>
internal sealed record Workload(ManifestResource Resource, WorkloadKind Kind)
{
    public string Name => Resource.Name;

    /// <summary>For a <see cref="WorkloadKind.PostgresDatabase"/>: its server and database name.</summary>
    public (string Server, string Database)? Database { get; init; }
}

/// <summary>
/// The manifest's resources sorted into what the generator knows how to deploy. Anything else
/// stops generation with a message naming the resource and its type.
/// </summary>
internal sealed partial class DeployModel
{
    public const string ProjectPortName = "http";

    /// <summary>The port every .NET container image listens on (ASPNETCORE_HTTP_PORTS of Microsoft's images).</summary>
    public const int DefaultProjectPort = 8080;

    private static readonly string[] SupportedTypes =
        ["project.v0", "project.v1", "container.v0 (postgres, redis or kafka image)", "container.v1 (same images)", "parameter.v0", "value.v0", "annotated.string"];

    private DeployModel(SortedDictionary<string, Workload> workloads) => Workloads = workloads;

    public IReadOnlyDictionary<string, Workload> Workloads { get; }

    public IEnumerable<Workload> Of(WorkloadKind kind) => Workloads.Values.Where(w => w.Kind == kind);

    public Workload? Single(WorkloadKind kind) => Of(kind).SingleOrDefault();

    public static DeployModel From(AspireManifest manifest)
    {
        var workloads = new SortedDictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var resource in manifest.Resources.Values)
        {
            workloads.Add(resource.Name, Classify(resource));
        }

        var model = new DeployModel(workloads);
        foreach (var kind in new[] { WorkloadKind.Postgres, WorkloadKind.Redis, WorkloadKind.Kafka })
        {
            var many = model.Of(kind).Select(w => w.Name).ToList();
            if (many.Count > 1)
            {
                throw new GeneratorException($"The manifest has {many.Count} {kind} resources ({string.Join(", ", many)}); the generator deploys one of each kind.");
            }
        }
        var databases = model.Of(WorkloadKind.PostgresDatabase).Select(w => w.Name).ToList();
        if (databases.Count > 1)
        {
            throw new GeneratorException($"The manifest has {databases.Count} PostgreSQL databases ({string.Join(", ", databases)}); the CloudNativePG bootstrap creates one. Add the others with a CloudNativePG Database object.");
        }
        foreach (var database in model.Of(WorkloadKind.PostgresDatabase))
        {
            var server = database.Database!.Value.Server;
            if (!workloads.TryGetValue(server, out var parent) || parent.Kind != WorkloadKind.Postgres)
            {
                throw new GeneratorException($"Resource '{database.Name}' is a database of '{server}', which is not a PostgreSQL container in the manifest.");
            }
        }
        return model;
    }

    private static Workload Classify(ManifestResource resource) => resource.Type switch
    {
        "project.v0" or "project.v1" => new Workload(resource, WorkloadKind.Project),
        "parameter.v0" => new Workload(resource, WorkloadKind.Parameter),
        "value.v0" => ClassifyValue(resource),
        // A value with a filter applied where it is used, e.g. a password percent-encoded for a URI.
        "annotated.string" => new Workload(resource, WorkloadKind.Value),
        "container.v0" or "container.v1" => ClassifyContainer(resource),
        _ => throw Unsupported(resource, $"type '{resource.Type}' is not supported"),
    };

    private static Workload ClassifyValue(ManifestResource resource)
    {
        var match = resource.ConnectionString is null ? null : DatabaseConnectionString().Match(resource.ConnectionString);
        return match is { Success: true }
            ? new Workload(resource, WorkloadKind.PostgresDatabase) { Database = (match.Groups["server"].Value, match.Groups["db"].Value) }
            : new Workload(resource, WorkloadKind.Value);
    }

    private static Workload ClassifyContainer(ManifestResource resource)
    {
        var repository = ImageReference.Parse(resource.Image ?? throw Unsupported(resource, "it is a container without an image")).Repository;
        var last = repository[(repository.LastIndexOf('/') + 1)..];
        return last switch
        {
            "postgres" or "postgresql" => new Workload(resource, WorkloadKind.Postgres),
            "redis" => new Workload(resource, WorkloadKind.Redis),
            "kafka" or "cp-kafka" => new Workload(resource, WorkloadKind.Kafka),
            _ => throw Unsupported(resource, $"its image '{resource.Image}' is none of postgres, redis or kafka, the containers the generator maps to CloudNativePG, a Redis StatefulSet and Strimzi"),
        };
    }

    private static GeneratorException Unsupported(ManifestResource resource, string why) =>
        new($"Resource '{resource.Name}' ({resource.Type}) cannot be generated: {why}. Supported: {string.Join(", ", SupportedTypes)}.");

    [GeneratedRegex(@"^\{(?<server>[A-Za-z0-9-]+)\.connectionString\};Database=(?<db>[A-Za-z0-9_-]+)$")]
    private static partial Regex DatabaseConnectionString();
}
