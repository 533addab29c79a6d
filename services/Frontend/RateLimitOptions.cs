using System.ComponentModel.DataAnnotations;

namespace Frontend;

/// <summary>
/// The rate limit of the public JSON API (configuration section <c>Frontend:RateLimit</c>): a token
/// bucket per client IP address. The defaults are far above what a shopper, the storefront or the
/// benchmarks' closed loop (about 2 requests per order) send, and still stop a runaway client.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Frontend:RateLimit";

    /// <summary>Off only when an operator says so (e.g. a load test from one address beyond the limit).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests a client may make per second, sustained.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 2000;

    /// <summary>Requests a client may make at once, above the sustained rate (the bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 4000;
}
