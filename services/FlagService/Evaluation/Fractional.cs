using static FlagService.Evaluation.JsonLogicValues;

namespace FlagService.Evaluation;

/// <summary>
/// flagd's <c>fractional</c> operator, in flagd's current ("v2", high-precision integer) bucketing:
/// the bucketing key is the first argument when it evaluates to a string, otherwise
/// <c>$flagd.flagKey + targetingKey</c>; it is hashed with MurmurHash3 x86 32-bit (UTF-8, seed 0,
/// unsigned) and mapped into <c>[0, totalWeight)</c> as <c>(hash * totalWeight) &gt;&gt; 32</c>; the
/// buckets <c>[variant, weight?]</c> (weight 1 when omitted) are walked in order. No key, a malformed
/// bucket, a non-integer weight or a total weight of 0 (or above 2^31-1) give null, so the flag's
/// default variant applies. Negative weights count as 0.
/// </summary>
public static class Fractional
{
    private const long MaxTotalWeight = int.MaxValue;

    /// <summary>The JsonLogic operator: <c>{"fractional": [bucketBy?, [variant, weight], ...]}</c>.</summary>
    public static object? Evaluate(IReadOnlyList<object?> args, object? data)
    {
        if (args.Count == 0)
        {
            return null;
        }

        string? bucketBy;
        var buckets = args;
        if (args[0] is string explicitKey)
        {
            bucketBy = explicitKey;
            buckets = args.Skip(1).ToList();
        }
        else
        {
            bucketBy = ContextBucketKey(data);
        }

        if (string.IsNullOrEmpty(bucketBy))
        {
            return null;
        }

        var distribution = new List<(object? Variant, long Weight)>();
        long total = 0;
        foreach (var bucket in buckets)
        {
            if (bucket is not List<object?> entry)
            {
                continue; // e.g. a bucketing expression that evaluated to null
            }

            if (entry.Count == 0 || entry[0] is List<object?> or Dictionary<string, object?>)
            {
                return null;
            }

            long weight = 1;
            if (entry.Count >= 2)
            {
                if (entry[1] is not double w || w != Math.Floor(w) || w > MaxTotalWeight)
                {
                    return null;
                }

                weight = (long)Math.Max(0, w);
            }

            distribution.Add((entry[0], weight));
            total += weight;
        }

        return total is 0 or > MaxTotalWeight ? null : Pick(bucketBy, distribution, total);
    }

    /// <summary>The bucket (0..totalWeight-1) a key falls into.</summary>
    public static long BucketOf(string bucketBy, long totalWeight) => (long)(((ulong)Murmur3.Hash32(bucketBy) * (ulong)totalWeight) >> 32);

    private static object? Pick(string bucketBy, List<(object? Variant, long Weight)> distribution, long total)
    {
        var bucket = BucketOf(bucketBy, total);
        long rangeEnd = 0;
        foreach (var (variant, weight) in distribution)
        {
            rangeEnd += weight;
            if (bucket < rangeEnd)
            {
                return variant;
            }
        }

        return null;
    }

    private static string? ContextBucketKey(object? data)
    {
        if (data is not Dictionary<string, object?> context || !context.TryGetValue("targetingKey", out var key) || key is not string targetingKey)
        {
            return null;
        }

        var flagKey = JsonLogic.Lookup(data, "$flagd.flagKey", out var fk) && fk is string s ? s : "";
        return flagKey + targetingKey;
    }
}
