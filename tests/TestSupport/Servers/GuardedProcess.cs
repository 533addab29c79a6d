using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Testing.Servers;

/// <summary>What to start, and how to stop it.</summary>
public sealed class GuardedProcessOptions
{
    /// <summary>Program name (looked up in PATH) or path.</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set (a null value removes an inherited variable).</summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Run as this user (only possible as root), e.g. <c>postgres</c>, which refuses to run as root.</summary>
    public string? User { get; init; }

    /// <summary>Receives each output line (true for stderr), from the first one on.</summary>
    public Action<bool, string>? OnOutput { get; init; }

    /// <summary>
    /// The signal <see cref="GuardedProcess.StopAsync"/> sends to ask for a graceful stop: SIGTERM (15) by default;
    /// PostgreSQL wants SIGINT (2) for a fast shutdown that does not wait for pooled client connections.
    /// </summary>
    public int StopSignal { get; init; } = GuardedProcess.SigTerm;
}

/// <summary>
/// A child process that cannot outlive its parent: on Linux it is started through
/// <c>setpriv --pdeathsig KILL</c>, so the kernel kills it when the parent dies, even by SIGKILL.
/// The parent-death signal fires when the <em>thread</em> that forked the child ends, so every child
/// is forked from one dedicated thread that lives as long as the process. Output is read from the
/// start, stdout and stderr apart, and the last lines are kept for error messages.
/// </summary>
/// <example>
/// <code>
/// var redis = await GuardedProcess.StartAsync(new GuardedProcessOptions
/// {
///     FileName = "/usr/bin/redis-server",
///     Arguments = [configPath],
///     OnOutput = (isError, line) => Console.WriteLine(line),
/// });
/// await redis.StopAsync(TimeSpan.FromSeconds(5)); // SIGTERM, then kill after 5 s
/// await redis.DisposeAsync();
/// </code>
/// </example>
public sealed class GuardedProcess : IAsyncDisposable
{
    /// <summary>SIGTERM, the default stop signal.</summary>
    public const int SigTerm = 15;

    private const int KeptLines = 500;
    private static readonly BlockingCollection<Action> LauncherQueue = [];
    private static readonly string? SetPriv = OperatingSystem.IsLinux() ? FindExecutable("setpriv") : null;
    private readonly Process _process;
    private readonly int _stopSignal;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LinkedList<string> _lines = new();
    private readonly object _gate = new();

    static GuardedProcess()
    {
        var thread = new Thread(() =>
        {
            foreach (var work in LauncherQueue.GetConsumingEnumerable())
            {
                work();
            }
        })
        { IsBackground = true, Name = "child-process-launcher" };
        thread.Start();
    }

    private GuardedProcess(Process process, int stopSignal)
    {
        _process = process;
        _stopSignal = stopSignal;
    }

    /// <summary>Raised for every line the process writes after it is raised to (true for stderr); see <see cref="RecentLines"/> for earlier ones.</summary>
    public event Action<bool, string>? OutputWritten;

    /// <summary>Process id (the program itself: setpriv execs it).</summary>
    public int Id { get; private set; }

    /// <summary>Completes with the exit code when the process ends and its last output lines are read.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>True once it ended.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>True when children are guarded by the parent-death signal (setpriv found).</summary>
    public static bool IsGuarded => SetPriv is not null;

    /// <summary>
    /// Starts the process. Throws <see cref="FileNotFoundException"/> when the program is not found.
    /// </summary>
    public static Task<GuardedProcess> StartAsync(GuardedProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var program = FindExecutable(options.FileName)
            ?? throw new FileNotFoundException($"Program '{options.FileName}' not found (PATH or path).", options.FileName);
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        if (SetPriv is not null)
        {
            info.FileName = SetPriv;
            info.ArgumentList.Add("--pdeathsig");
            info.ArgumentList.Add("KILL");
            if (options.User is { } user)
            {
                info.ArgumentList.Add($"--reuid={user}");
                info.ArgumentList.Add($"--regid={user}");
                info.ArgumentList.Add("--init-groups");
            }

            info.ArgumentList.Add("--");
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }

        foreach (var argument in options.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in options.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var started = new TaskCompletionSource<GuardedProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        LauncherQueue.Add(() =>
        {
            try
            {
                var child = new GuardedProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, options.StopSignal);
                child.Start(options.OnOutput);
                started.SetResult(child);
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        });
        return started.Task;
    }

    /// <summary>The last lines the process wrote (at most 500, stdout and stderr), oldest first.</summary>
    public IReadOnlyList<string> RecentLines()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    private void Start(Action<bool, string>? onOutput)
    {
        var outputDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) => { if (e.Data is null) { outputDone.TrySetResult(); } else { OnLine(onOutput, false, e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is null) { errorDone.TrySetResult(); } else { OnLine(onOutput, true, e.Data); } };
        _process.Exited += async (_, _) =>
        {
            // Let the last lines be read before reporting the exit.
            await Task.WhenAny(Task.WhenAll(outputDone.Task, errorDone.Task), Task.Delay(1000)).ConfigureAwait(false);
            _exited.TrySetResult(_process.ExitCode);
        };
        _process.Start();
        Id = _process.Id;
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void OnLine(Action<bool, string>? onOutput, bool isError, string line)
    {
        lock (_gate)
        {
            _lines.AddLast(line);
            if (_lines.Count > KeptLines)
            {
                _lines.RemoveFirst();
            }
        }

        onOutput?.Invoke(isError, line);
        OutputWritten?.Invoke(isError, line);
    }

    /// <summary>
    /// Asks the process to stop with its stop signal (<see cref="GuardedProcessOptions.StopSignal"/>),
    /// waits up to <paramref name="timeout"/>, then kills its tree.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (HasExited)
        {
            return;
        }

        _ = kill(Id, _stopSignal);
        try
        {
            await Exited.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the process and its descendants at once.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Kills the process if it still runs (call <see cref="StopAsync"/> first for a graceful stop) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            Kill();
            await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    /// <summary>Finds a program in PATH (or checks a path); null when absent.</summary>
    public static string? FindExecutable(string name)
    {
        if (name.Contains('/'))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // a one-line P/Invoke; no marshalling to generate.
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
