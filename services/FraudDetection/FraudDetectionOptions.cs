using System.ComponentModel.DataAnnotations;

namespace Platform.FraudDetection;

/// <summary>FraudDetection settings, bound from configuration section <c>FraudDetection</c>; validated at start.</summary>
public sealed class FraudDetectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "FraudDetection";

    /// <summary>
    /// Extra time spent on each order while the <c>kafkaQueueProblems</c> flag is above 0, so that the
    /// group's lag grows (the flag's symptom). Default 500 ms: at most 2 orders per second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan SlowConsumerDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the consumer lag of the group is asked from the cluster (<c>app.fraud.consumer.lag</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan LagInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait for one answer of the cluster (metadata, committed offsets, watermarks).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan LagQueryTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Rule <c>high-total</c>: an order total at or above this amount (in the order's currency) scores 2.</summary>
    [Range(typeof(decimal), "0.01", "1000000000")]
    public decimal HighTotal { get; set; } = 1000m;

    /// <summary>Rule <c>many-items</c>: this many units or more in one order (all lines together) score 1.</summary>
    [Range(2, 100000)]
    public int ManyItems { get; set; } = 10;

    /// <summary>Rule <c>foreign-shipping</c>: shipping to a country other than this one scores 1.</summary>
    [Required(AllowEmptyStrings = false)]
    public string HomeCountry { get; set; } = "United States";

    /// <summary>An order is flagged when its score reaches this value.</summary>
    [Range(1, 100)]
    public int FlagScore { get; set; } = 2;
}
