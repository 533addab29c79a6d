using System.ComponentModel.DataAnnotations;

namespace Platform.Accounting;

/// <summary>Accounting settings, bound from configuration section <c>Accounting</c>.</summary>
public sealed class AccountingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Accounting";

    /// <summary>
    /// Extra time spent on each message while the <c>kafkaQueueProblems</c> flag is above 0, so that
    /// consumer lag grows (the flag's symptom). Default 250 ms: at most ~4 orders per second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan SlowConsumerDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Wait between two attempts to migrate the database while it is not reachable yet.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MigrationRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
