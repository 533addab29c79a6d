using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>The AppHost's own command-line switches, turned into configuration before Aspire reads it.</summary>
internal static class LocalDataOptions
{
    /// <summary><c>--fresh</c>: start again from empty data (wipes <c>.apphost/</c>: databases, Redis, flags, secrets).</summary>
    public static string[] Expand(string[] args) =>
        [.. args.Select(arg => arg == "--fresh" ? "--LocalServers:Fresh=true" : arg)];
}

/// <summary>On/off switches of the model read from configuration (<c>--Key=false</c> or the environment).</summary>
internal static class ModelSwitches
{
    /// <summary>True unless <paramref name="key"/> says false; a value that is not a boolean stops the start naming it.</summary>
    public static bool IsOn(IConfiguration configuration, string key) => configuration[key] switch
    {
        null => true,
        var value when bool.TryParse(value, out var on) => on,
        var value => throw new ArgumentException($"--{key} must be true or false, not '{value}'."),
    };
}
