namespace Platform.Redis;

// Typed helpers for the commands the Platform's services use. Anything else: ExecuteAsync.
public sealed partial class RedisClient
{
    /// <summary><c>PING</c>: returns the round-trip time.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await ExecuteAsync(new RedisCommand("PING"), cancellationToken).ConfigureAwait(false);
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary><c>GET key</c>: the string value, or null when the key does not exist.</summary>
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("GET", key), cancellationToken).ConfigureAwait(false)).AsString();

    /// <summary><c>SET key value [PX ms]</c>.</summary>
    public async Task SetAsync(string key, string value, TimeSpan? expiry = null, CancellationToken cancellationToken = default)
    {
        var command = expiry is { } ttl
            ? new RedisCommand("SET", key, value, "PX", ToMilliseconds(ttl))
            : new RedisCommand("SET", key, value);
        await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DEL key...</c>: the number of keys removed.</summary>
    public async Task<long> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("DEL", key), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary><c>EXISTS key</c>.</summary>
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("EXISTS", key), cancellationToken).ConfigureAwait(false)).AsInt64() > 0;

    /// <summary><c>PEXPIRE key ms</c>: false when the key does not exist.</summary>
    public async Task<bool> ExpireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("PEXPIRE", key, ToMilliseconds(ttl)), cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    /// <summary><c>PTTL key</c>: the time to live, or null when the key has none or does not exist.</summary>
    public async Task<TimeSpan?> TimeToLiveAsync(string key, CancellationToken cancellationToken = default)
    {
        var ms = (await ExecuteAsync(new RedisCommand("PTTL", key), cancellationToken).ConfigureAwait(false)).AsInt64();
        return ms < 0 ? null : TimeSpan.FromMilliseconds(ms);
    }

    /// <summary><c>INCRBY key by</c>: the new value.</summary>
    public async Task<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("INCRBY", key, by), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary><c>HSET key field value</c>: true when the field is new.</summary>
    public async Task<bool> HashSetAsync(string key, string field, string value, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("HSET", key, field, value), cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    /// <summary><c>HGET key field</c>: the value, or null.</summary>
    public async Task<string?> HashGetAsync(string key, string field, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("HGET", key, field), cancellationToken).ConfigureAwait(false)).AsString();

    /// <summary><c>HINCRBY key field by</c>: the new value.</summary>
    public async Task<long> HashIncrementAsync(string key, string field, long by = 1, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("HINCRBY", key, field, by), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary><c>HDEL key field</c>: true when the field existed.</summary>
    public async Task<bool> HashDeleteAsync(string key, string field, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new RedisCommand("HDEL", key, field), cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    /// <summary><c>HGETALL key</c>: every field and value (empty when the key does not exist).</summary>
    public async Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken = default) =>
        ToDictionary(await ExecuteAsync(new RedisCommand("HGETALL", key), cancellationToken).ConfigureAwait(false));

    /// <summary>Reads an <c>HGETALL</c> reply (a flat RESP2 array or a RESP3 map) as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ToDictionary(RedisReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        reply.ThrowIfError("HGETALL");
        var elements = reply.Elements;
        if (elements.Count % 2 != 0)
        {
            throw new RedisProtocolException($"A field/value reply has an odd number of elements ({elements.Count}).");
        }

        var result = new Dictionary<string, string>(elements.Count / 2, StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i += 2)
        {
            result[elements[i].AsString()!] = elements[i + 1].AsString()!;
        }

        return result;
    }

    private static long ToMilliseconds(TimeSpan ttl) =>
        ttl > TimeSpan.Zero ? Math.Max(1, (long)ttl.TotalMilliseconds) : throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "A time to live must be positive.");
}
