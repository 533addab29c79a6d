using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Flags;

/// <summary>The flag client's settings, bound from configuration section <c>Flags</c>.</summary>
public sealed class FlagsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Flags";

    /// <summary>
    /// How long an answer (or a failure) is reused for the same flag and context. Short, so a flag
    /// switched in FlagService takes effect within about a second, yet a hot path asks FlagService at
    /// most once per interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Budget of one OFREP call; past it the default is used (flags must never slow a request much).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Minimum time between two warnings about the same failing flag, so an outage does not flood the logs.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan WarningInterval { get; set; } = TimeSpan.FromSeconds(30);
}
