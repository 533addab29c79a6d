namespace Platform.AppHost;

/// <summary>Telemetry settings a service can only take from its process environment.</summary>
internal static class TelemetryConventions
{
    /// <summary>
    /// Database client spans carry the stable semantic conventions (<c>db.system.name</c>, <c>db.operation.name</c>)
    /// beside the old ones: the StackExchange.Redis instrumentation reads this switch from the environment only.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithStableDatabaseConventions(this IResourceBuilder<ProjectResource> project) =>
        project.WithEnvironment("OTEL_SEMCONV_STABILITY_OPT_IN", "database/dup");
}
