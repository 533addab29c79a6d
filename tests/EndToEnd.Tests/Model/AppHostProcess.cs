using System.Diagnostics;
using System.Text;

namespace EndToEnd.Tests.Model;

/// <summary>
/// <c>dotnet run --project AppHost --no-build</c> as a user runs it (the tests build AppHost first), in its
/// own process group, with its console captured.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Everything the AppHost printed so far (standard output and error).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the AppHost with <paramref name="arguments"/> after <c>--</c>, and extra environment.</summary>
    public static AppHostProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        // The AppHost's launch profile, as a user gets it, in a process group of its own (setsid) which a
        // test signals as a terminal's Ctrl+C would. A test runner started in the background hands its
        // children SIGINT ignored, which a shell cannot undo: perl puts it back to what a terminal gives.
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!", "dotnet", "run", "--project", "AppHost", "--no-build", "--", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet run.");
        var host = new AppHostProcess(process);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output so far.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"The AppHost exited before printing '{text}':\n{Output}");
            Assert.True(DateTime.UtcNow < deadline, $"The AppHost did not print '{text}' within {timeout}:\n{Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>The AppHost executable's pid (a child of dotnet run).</summary>
    public int AppHostPid => ProcessTree.Of(_process.Id).First(pid => ProcessTree.NameOf(pid) == "AppHost");

    /// <summary>Sends a signal to the AppHost's process group (SIGINT: Ctrl+C in a terminal).</summary>
    public void Signal(int signal)
    {
        var group = ProcessTree.GroupOf(AppHostPid);
        // Never the test runner's own group (setsid gave the AppHost one of its own).
        Assert.NotEqual(ProcessTree.GroupOf(Environment.ProcessId), group);
        Assert.Equal(0, Kill(-group, signal));
    }

    // kill(2) with a negative pid signals the whole group (procps' kill reads "-PGID" as an option).
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A failed test: stop it as Ctrl+C would, so DCP cleans up too, then make sure.
            try
            {
                Signal(2);
            }
            catch (InvalidOperationException)
            {
                // No AppHost child (yet).
            }
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(60)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
