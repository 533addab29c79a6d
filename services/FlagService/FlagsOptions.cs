using System.ComponentModel.DataAnnotations;

namespace FlagService;

/// <summary>Configuration section <c>Flags</c>.</summary>
public sealed class FlagsOptions
{
    public const string SectionName = "Flags";

    /// <summary>
    /// The flagd flag file. A relative path is resolved against the application's directory (where
    /// the build copies <c>flags/demo.flagd.json</c>). It must be writable for changes to persist.
    /// </summary>
    [Required]
    public string File { get; set; } = "flags/demo.flagd.json";

    /// <summary>
    /// The defaults the working copy <see cref="File"/> is kept up to date with (the shipped
    /// <c>flags/demo.flagd.json</c>). At start a missing <see cref="File"/> is created from it and every
    /// flag it has that the copy lacks is added to the copy; the copy's own flags are never changed.
    /// Unset: <see cref="File"/> is used as it is.
    /// </summary>
    public string? DefaultsFile { get; set; }

    /// <summary>The audit log (JSON lines); default <c>&lt;flag file name&gt;.audit.jsonl</c> next to the flag file.</summary>
    public string? AuditLog { get; set; }

    /// <summary>Bearer token that the admin API and the UI require to change a flag; unset disables changes.</summary>
    public string? AdminToken { get; set; }

    /// <summary>How often the file is polled for changes (a fallback to the file-system watcher).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The flag file's full path.</summary>
    public string ResolveFilePath() => Path.GetFullPath(File, AppContext.BaseDirectory);

    /// <summary>The defaults file's full path, or null when none is configured.</summary>
    public string? ResolveDefaultsFilePath() =>
        string.IsNullOrWhiteSpace(DefaultsFile) ? null : Path.GetFullPath(DefaultsFile, AppContext.BaseDirectory);

    /// <summary>The audit log's full path.</summary>
    public string ResolveAuditLogPath()
    {
        if (!string.IsNullOrWhiteSpace(AuditLog))
        {
            return Path.GetFullPath(AuditLog, AppContext.BaseDirectory);
        }

        var flagFile = ResolveFilePath();
        var name = Path.GetFileNameWithoutExtension(flagFile);
        return Path.Combine(Path.GetDirectoryName(flagFile)!, name + ".audit.jsonl");
    }
}
