using System.Diagnostics;

namespace Platform.Deploy.Manifest;

/// <summary>Runs an AppHost's manifest publisher: <c>dotnet run --project &lt;apphost&gt; -- --publisher manifest --output-path &lt;file&gt;</c>.</summary>
internal static class AppHostPublisher
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static void Publish(string appHostProject, string manifestPath)
    {
        if (!File.Exists(appHostProject) && !Directory.Exists(appHostProject))
        {
            throw new GeneratorException($"--apphost '{appHostProject}' is neither a project file nor a folder. Pass the AppHost folder, e.g. --apphost AppHost.");
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var arg in new[] { "run", "--project", appHostProject, "--", "--publisher", "manifest", "--output-path", Path.GetFullPath(manifestPath) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new GeneratorException("Could not start `dotnet`.");
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new GeneratorException($"The AppHost's manifest publisher did not finish within {Timeout.TotalMinutes} minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new GeneratorException($"`dotnet run --project {appHostProject} -- --publisher manifest` exited with {process.ExitCode}; see its output above.");
        }
    }
}
