namespace Platform.Hosting;

/// <summary>How a model runs: where data lives, which ports, what is printed.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Command-line arguments (also read as configuration).</summary>
    public string[] Args { get; set; } = [];

    /// <summary>
    /// Private data directory (set by the builder when not given) (PostgreSQL and Redis data, generated passwords and parameters, the
    /// API token). Default: <c>.apphost/</c> at the repository root; configuration
    /// <c>AppHost:DataDirectory</c> overrides it.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Wipe the data directory before starting (<c>--fresh</c>).</summary>
    public bool Fresh { get; set; }

    /// <summary>Ignore fixed ports of the model and take free ones (the testing builder does).</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>Delete the data directory when the application is disposed (the testing builder does).</summary>
    public bool DeleteDataDirectoryOnDispose { get; set; }

    /// <summary>Where state changes are printed; null prints nothing.</summary>
    public TextWriter? Console { get; set; }

    /// <summary>Port of the local API (0: a free port). Configuration <c>AppHost:ApiPort</c>.</summary>
    public int ApiPort { get; set; }

    /// <summary>Serve the local API (resources, logs, start/stop/restart).</summary>
    public bool EnableApi { get; set; } = true;

    /// <summary>How long a resource has to stop after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Directory of the AppHost project (from assembly metadata <c>AppHostProjectPath</c>).</summary>
    public string? AppHostDirectory { get; set; }
}
