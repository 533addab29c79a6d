using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Hosting.Orchestration;

/// <summary>What to start.</summary>
public sealed class GuardedProcessOptions
{
    /// <summary>Program name (looked up in PATH) or path.</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Working directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set (a null value removes an inherited variable).</summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Run as this user (e.g. <c>postgres</c> when AppHost runs as root).</summary>
    public string? User { get; init; }

    /// <summary>Receives each output line (true for stderr).</summary>
    public Action<bool, string>? OnOutput { get; init; }
}

/// <summary>
/// A child process that cannot outlive AppHost: on Linux it is started through
/// <c>setpriv --pdeathsig KILL</c>, so the kernel kills it when AppHost dies, even by SIGKILL.
/// The parent-death signal fires when the <em>thread</em> that forked the child ends, so every child
/// is forked from one dedicated thread that lives as long as the process.
/// </summary>
public sealed class GuardedProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly BlockingCollection<Action> LauncherQueue = [];
    private static readonly string? SetPriv = OperatingSystem.IsLinux() ? FindExecutable("setpriv") : null;
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    private GuardedProcess(Process process) => _process = process;

    /// <summary>Process id (the program itself: setpriv execs it).</summary>
    public int Id { get; private set; }

    /// <summary>Completes with the exit code when the process ends.</summary>
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
                info.ArgumentList.Add("--clear-groups");
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
                var child = new GuardedProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
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

    private void Start(Action<bool, string>? onOutput)
    {
        var outputDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) => { if (e.Data is null) { outputDone.TrySetResult(); } else { onOutput?.Invoke(false, e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is null) { errorDone.TrySetResult(); } else { onOutput?.Invoke(true, e.Data); } };
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

    /// <summary>Asks the process to stop (SIGTERM), waits up to <paramref name="timeout"/>, then kills its tree.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (HasExited)
        {
            return;
        }

        _ = kill(Id, SigTerm);
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

    /// <inheritdoc />
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
