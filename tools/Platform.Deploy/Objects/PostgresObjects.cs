using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// The PostgreSQL container as a CloudNativePG <c>Cluster</c>: the operator runs the instances,
/// failover and the <c>&lt;name&gt;-rw</c> Service; initdb creates the database owned by the
/// application user, whose credentials External Secrets writes into <see cref="AppSecretName"/>.
/// </summary>
internal static class PostgresObjects
{
    public static string AppSecretName(Workload postgres) => $"{postgres.Name}-app";

    /// <summary>CloudNativePG's operand image for the manifest's PostgreSQL version (theirs carries what the operator needs).</summary>
    public static string Image(Workload postgres)
    {
        var tag = ImageReference.Parse(postgres.Resource.Image!).Tag;
        if (tag is null or "latest")
        {
            throw new GeneratorException($"PostgreSQL resource '{postgres.Name}' has image '{postgres.Resource.Image}' without a version tag; pin it in the AppHost (e.g. WithImageTag(\"18.3\")).");
        }
        return $"ghcr.io/cloudnative-pg/postgresql:{tag}";
    }

    public static YMap Cluster(Workload postgres, Workload? database, Meta meta, EnvironmentProfile profile)
    {
        var initdb = database is null
            ? Y.Map(("owner", ClusterConventions.PostgresAppUser), ("secret", Y.Map(("name", AppSecretName(postgres)))))
            : Y.Map(
                ("database", database.Database!.Value.Database),
                ("owner", ClusterConventions.PostgresAppUser),
                ("secret", Y.Map(("name", AppSecretName(postgres)))));

        return Y.Object("postgresql.cnpg.io/v1", "Cluster", meta.Of(postgres.Name, "database"), ("spec", Y.Map(
            ("instances", profile.PostgresInstances),
            ("imageName", Image(postgres)),
            ("primaryUpdateStrategy", "unsupervised"),
            // No superuser login from outside: applications use the database owner only.
            ("enableSuperuserAccess", false),
            ("bootstrap", Y.Map(("initdb", initdb))),
            ("storage", Y.Map(("size", "10Gi"))),
            ("resources", Y.Map(
                ("requests", Y.Map(("cpu", "250m"), ("memory", "512Mi"))),
                ("limits", Y.Map(("cpu", "1"), ("memory", "1Gi"))))),
            // The operator labels its pods managed-by cloudnative-pg; ours add only who they belong to.
            ("inheritedMetadata", Y.Map(("labels", Y.Map(
                (Meta.NameLabel, postgres.Name),
                ("app.kubernetes.io/component", "database"),
                ("app.kubernetes.io/part-of", ClusterConventions.PartOf))))))));
    }
}
