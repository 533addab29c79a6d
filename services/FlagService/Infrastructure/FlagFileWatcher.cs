using Microsoft.Extensions.Options;

namespace FlagService.Infrastructure;

/// <summary>
/// Completes the working copy from the defaults (<see cref="FlagFileDefaults"/>), loads the flag file
/// at startup (an invalid file stops the service with a message naming the file and the reason) and
/// then keeps it applied: a <see cref="FileSystemWatcher"/> on the file's directory
/// (editors replace files by rename, so the directory is watched, not the file) triggers a check after
/// a short debounce, and a periodic poll catches whatever the watcher misses (network and container
/// volumes, exhausted inotify instances). A check applies a valid changed file and rejects an invalid one.
/// </summary>
public sealed class FlagFileWatcher(FlagFileDefaults defaults, FlagFileStore store, IOptions<FlagsOptions> options, ILogger<FlagFileWatcher> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);
    private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private FileSystemWatcher? _watcher;
    private Task? _loop;
    private int _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await defaults.ApplyAsync(cancellationToken);
        store.LoadInitial();
        if (string.IsNullOrEmpty(options.Value.AdminToken))
        {
            Log.AdminDisabled(logger);
        }

        var directory = Path.GetDirectoryName(store.FilePath)!;
        try
        {
            _watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            _watcher.Changed += OnEvent;
            _watcher.Created += OnEvent;
            _watcher.Deleted += OnEvent;
            _watcher.Renamed += OnEvent;
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            Log.WatcherUnavailable(logger, directory, e);
            _watcher?.Dispose();
            _watcher = null;
        }

        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return; // a host may be stopped more than once
        }

        await _stopping.CancelAsync();
        _watcher?.Dispose();
        _watcher = null;
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stopping.Cancel();
        }

        _watcher?.Dispose();
        _stopping.Dispose();
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        var name = Path.GetFileName(store.FilePath);
        if (e.Name == name || (e is RenamedEventArgs r && r.OldName == name))
        {
            _changed.TrySetResult();
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var changed = _changed.Task;
                var poll = Task.Delay(options.Value.PollInterval, stopping);
                if (await Task.WhenAny(changed, poll) == changed)
                {
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await Task.Delay(Debounce, stopping); // let the writer finish; more events coalesce
                }

                stopping.ThrowIfCancellationRequested();
                store.ReloadFromDisk();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.ReloadFailed(logger, store.FilePath, e);
            }
        }
    }
}
