namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// The ActivitySource and Meter names every service listens to. The Platform's own sources and
/// meters start with <c>Platform.</c> so one wildcard subscribes to all of them.
/// </summary>
public static class TelemetryNames
{
    /// <summary>Wildcard that matches every Platform ActivitySource and Meter (e.g. "Platform.Redis").</summary>
    public const string PlatformWildcard = "Platform.*";

    /// <summary>The meter of ServiceDefaults itself (flag fallbacks).</summary>
    public const string ServiceDefaultsMeter = "Platform.ServiceDefaults";

    /// <summary>The name ASP.NET Core gives its server activity before we rename it.</summary>
    public const string AspNetCoreRequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    /// <summary>ActivitySources that produce spans: server, client, database, and the Platform's own.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
        ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", PlatformWildcard];

    /// <summary>Meters exported: RED metrics of server and client, Kestrel, runtime, database, and the Platform's own.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
        PlatformWildcard,
    ];
}
