using System.Diagnostics;

namespace Deploy.Generator.Tests;

/// <summary>Runs the real <c>kubectl kustomize</c> (kubectl 1.32 with kustomize 5.5), offline.</summary>
internal static class Kubectl
{
    public static (int ExitCode, string Output, string Error) Kustomize(string directory)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {directory} did not finish in 60 s.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    public static string RenderOrFail(string directory)
    {
        var (exit, output, error) = Kustomize(directory);
        Assert.True(exit == 0, $"kubectl kustomize {directory} exited {exit}: {error}");
        return output;
    }
}
