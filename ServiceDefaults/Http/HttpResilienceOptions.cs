using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// How calls between services survive failures, bound from configuration section
/// <c>Http:Resilience</c> (env <c>Http__Resilience__MaxRetryAttempts=5</c>). One circuit breaker per client.
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Http:Resilience";

    /// <summary>Budget of one attempt; a slower attempt is cancelled and counts as a transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Budget of the whole call, retries and their delays included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for idempotent methods only (0 turns retries off).</summary>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; it doubles each retry, with jitter so replicas do not retry in lockstep.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Share of failed calls within <see cref="BreakerSamplingDuration"/> that opens the breaker.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the breaker may open.</summary>
    [Range(2, int.MaxValue)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which the failure ratio is measured.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open (calls fail at once) before it lets one call probe.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
