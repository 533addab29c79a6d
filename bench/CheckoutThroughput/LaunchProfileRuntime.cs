using System.Text.Json;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// The runtime settings (<c>DOTNET_*</c>) of the AppHost's launch profile, which <c>dotnet run --project AppHost</c>
/// gives the AppHost and, through DCP, every service and the dashboard. Aspire.Hosting.Testing reads no launch
/// profile, so without this the bench would measure services that a user's run never has: server GC and dynamic
/// PGO. Set on this process before DCP starts, they reach the services the same way.
/// </summary>
public static class LaunchProfileRuntime
{
    public static IReadOnlyDictionary<string, string> Apply()
    {
        // Aspire's project metadata gives the AppHost's folder.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Projects.AppHost.ProjectPath, "Properties", "launchSettings.json")));
        var settings = json.RootElement.GetProperty("profiles").EnumerateObject().First().Value
            .GetProperty("environmentVariables").EnumerateObject()
            // DOTNET_ENVIRONMENT names the hosting environment, not a runtime setting: the testing builder sets that.
            .Where(variable => variable.Name.StartsWith("DOTNET_", StringComparison.Ordinal) && variable.Name != "DOTNET_ENVIRONMENT")
            .ToDictionary(variable => variable.Name, variable => variable.Value.GetString()!);
        foreach (var (name, value) in settings)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
        return settings;
    }
}
