using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.LocalServers;

/// <summary>
/// Where the local servers keep their data across runs: <c>LocalServers:DataDirectory</c>
/// (relative to the AppHost project), by default <c>.apphost/</c> beside it. Each resource gets a
/// sub-directory named after it. <c>LocalServers:Fresh=true</c> wipes it once at start.
/// </summary>
internal static class LocalDataDirectory
{
    public const string DirectoryKey = "LocalServers:DataDirectory";
    public const string FreshKey = "LocalServers:Fresh";

    private static readonly object WipeLock = new();
    private static readonly HashSet<string> Wiped = [];

    public static string For(IDistributedApplicationBuilder builder, string resourceName)
    {
        var root = Path.GetFullPath(builder.Configuration[DirectoryKey] ?? ".apphost", builder.AppHostDirectory);
        if (builder.Configuration.GetValue<bool>(FreshKey))
        {
            WipeOnce(root);
        }
        var directory = Path.Combine(root, resourceName);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static void WipeOnce(string root)
    {
        lock (WipeLock)
        {
            if (Wiped.Add(root) && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
