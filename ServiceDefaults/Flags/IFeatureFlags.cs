namespace Platform.ServiceDefaults.Flags;

/// <summary>
/// Evaluates feature flags served by FlagService over OFREP. Never throws: when FlagService cannot
/// answer, the given default is returned (and a warning log and a counter say so).
/// </summary>
public interface IFeatureFlags
{
    /// <summary>Evaluates a boolean flag, e.g. <c>cartFailure</c>.</summary>
    ValueTask<bool> GetBooleanAsync(string key, bool defaultValue, FlagContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>Evaluates a string flag.</summary>
    ValueTask<string> GetStringAsync(string key, string defaultValue, FlagContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>Evaluates an integer flag, e.g. <c>kafkaQueueProblems</c>.</summary>
    ValueTask<long> GetIntegerAsync(string key, long defaultValue, FlagContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>Evaluates a number flag, e.g. <c>paymentFailure</c> (a rate 0..1).</summary>
    ValueTask<double> GetDoubleAsync(string key, double defaultValue, FlagContext? context = null, CancellationToken cancellationToken = default);
}

/// <summary>The evaluation context sent to FlagService (OFREP <c>context</c>): a targeting key and attributes.</summary>
public sealed record FlagContext(string? TargetingKey, IReadOnlyDictionary<string, object?>? Attributes = null);
