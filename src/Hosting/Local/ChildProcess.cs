using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Platform.Hosting.Local;

/// <summary>
/// A child process that cannot outlive its parent: it is started through <c>setpriv --pdeathsig KILL</c>,
/// so the kernel kills it even when the parent is killed with SIGKILL and has no chance to clean up.
/// Output lines (stdout and stderr) are kept in a bounded buffer and can be observed.
/// </summary>
/// <example>
/// <code>
/// await using var child = ChildProcess.Start(new ChildProcessStart("/usr/bin/redis-server", ["--port", "0"]));
/// await child.StopAsync(TimeSpan.FromSeconds(5));
/// </code>
/// </example>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 500;
    private const int SigTerm = 15;

    // PR_SET_PDEATHSIG fires when the *thread* that forked the child exits, not the process.
    // Thread-pool threads retire when idle, so every fork happens on this one long-lived thread.
    private static readonly Channel<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> StartRequests =
        Channel.CreateUnbounded<(ProcessStartInfo, TaskCompletionSource<Process>)>();

    private static readonly Lazy<Thread> Spawner = new(() =>
    {
        var thread = new Thread(SpawnLoop) { IsBackground = true, Name = "child-process-spawner" };
        thread.Start();
        return thread;
    });

    private readonly Process _process;
    private readonly LinkedList<string> _lines = new();
    private readonly object _gate = new();

    private ChildProcess(Process process, string displayName)
    {
        _process = process;
        DisplayName = displayName;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Raised for every line the process writes to stdout or stderr.</summary>
    public event Action<string>? LineWritten;

    /// <summary>The name used in messages (the executable's file name).</summary>
    public string DisplayName { get; }

    /// <summary>The operating-system process id of the started program.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only meaningful once <see cref="HasExited"/> is true.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>Starts a program whose lifetime is bound to the current process.</summary>
    public static ChildProcess Start(ChildProcessStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!File.Exists(start.FileName))
        {
            throw new FileNotFoundException($"Cannot start '{start.FileName}': the file does not exist.", start.FileName);
        }

        var info = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = start.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (start.RunAsUser is { } user)
        {
            info.ArgumentList.Add($"--reuid={user}");
            info.ArgumentList.Add($"--regid={user}");
            info.ArgumentList.Add("--init-groups");
        }
        info.ArgumentList.Add("--pdeathsig=KILL");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(start.FileName);
        foreach (var argument in start.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in start.Environment)
        {
            info.Environment[key] = value;
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Spawner.Value;
        StartRequests.Writer.TryWrite((info, started));
        var process = started.Task.GetAwaiter().GetResult();
        return new ChildProcess(process, Path.GetFileName(start.FileName)) { StopSignal = start.StopSignal };
    }

    /// <summary>The last lines the process wrote (at most 500), oldest first.</summary>
    public IReadOnlyList<string> RecentLines()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    /// <summary>Asks the process to stop with a signal (SIGTERM by default), then kills it if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, int signal = SigTerm)
    {
        if (_process.HasExited)
        {
            return;
        }
        _ = Kill(_process.Id, signal);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>The signal a graceful stop sends unless told otherwise (SIGTERM; PostgreSQL wants SIGINT for a fast shutdown).</summary>
    public int StopSignal { get; init; } = SigTerm;

    /// <summary>Stops the process (<see cref="StopSignal"/>, 5 s grace, then kill) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(5), StopSignal);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _lines.AddLast(line);
            if (_lines.Count > KeptLines)
            {
                _lines.RemoveFirst();
            }
        }
        LineWritten?.Invoke(line);
    }

    private static void SpawnLoop()
    {
        while (true)
        {
            var (info, started) = StartRequests.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
            try
            {
                started.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}."));
            }
            catch (Exception exception)
            {
                started.SetException(exception);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>What to start: the program, its arguments, environment, working directory and (as root) the user to run as.</summary>
public sealed record ChildProcessStart(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Extra environment variables for the child.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The signal that asks the program to stop gracefully (default SIGTERM = 15).</summary>
    public int StopSignal { get; init; } = 15;

    /// <summary>A user to switch to before starting (only possible as root), e.g. <c>postgres</c>.</summary>
    public string? RunAsUser { get; init; }
}
