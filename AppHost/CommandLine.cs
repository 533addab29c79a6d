namespace Platform.AppHost;

/// <summary>The AppHost's own command-line switches, turned into configuration before Aspire reads it.</summary>
internal static class LocalDataOptions
{
    /// <summary><c>--fresh</c>: start again from empty data (wipes <c>.apphost/</c>: databases, Redis, flags, secrets).</summary>
    public static string[] Expand(string[] args) =>
        [.. args.Select(arg => arg == "--fresh" ? "--LocalServers:Fresh=true" : arg)];
}
