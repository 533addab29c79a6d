using System.ComponentModel.DataAnnotations;

namespace Platform.Ad;

/// <summary>Configuration section <c>Ad</c>.</summary>
public sealed class AdOptions
{
    public const string SectionName = "Ad";

    /// <summary>The ad table, relative to the service's directory or absolute.</summary>
    [Required]
    public string AdsFile { get; set; } = "Data/ads.json";

    /// <summary>The most ads one answer holds.</summary>
    [Range(1, 20)]
    public int MaxAds { get; set; } = 2;

    /// <summary><c>adHighCpu</c>: how many threads spin while the flag is on.</summary>
    [Range(1, 64)]
    public int HighCpuThreads { get; set; } = 2;

    /// <summary><c>adHighCpu</c>: how often the background worker reads the flag.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan HighCpuPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>adManualGc</c>: bytes of small objects built per request (default 64 MiB), so a full compacting collection has work to do.</summary>
    [Range(1024L, 4L * 1024 * 1024 * 1024)]
    public long ManualGcPressureBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary><c>adManualGc</c>: full blocking compacting (gen2) collections forced per request.</summary>
    [Range(1, 100)]
    public int ManualGcCollections { get; set; } = 3;
}
