using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Redis;

/// <summary>
/// A thread-safe Redis client over one multiplexed connection: commands from any number of callers
/// are pipelined on the socket and replies are matched in order. The connection opens on the first
/// command and reopens on the next command after it drops. Every command is a client span
/// (ActivitySource <c>Platform.Redis</c>) named after the command.
/// </summary>
/// <example><code>
/// await using var redis = new RedisClient("127.0.0.1:6379,password=secret");
/// await redis.SetAsync("greeting", "hello", TimeSpan.FromMinutes(5));
/// string? value = await redis.GetAsync("greeting");
/// RedisReply reply = await redis.ExecuteAsync("INCRBY", "counter", 5);
/// </code></example>
public sealed partial class RedisClient : IAsyncDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ILogger _logger;
    private RedisConnection? _connection;
    private bool _disposed;

    /// <summary>Creates a client from options (nothing connects until the first command).</summary>
    public RedisClient(RedisConnectionOptions options, ILogger<RedisClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ConnectTimeout <= TimeSpan.Zero || options.CommandTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ConnectTimeout and CommandTimeout must be positive.", nameof(options));
        }

        Options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Creates a client from a connection string such as <c>127.0.0.1:6379,password=secret</c>.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public RedisClient(string connectionString, ILogger<RedisClient>? logger = null)
        : this(RedisConnectionOptions.Parse(connectionString), logger)
    {
    }

    /// <summary>The options in use.</summary>
    public RedisConnectionOptions Options { get; }

    /// <summary>True while a connection is open and has not failed.</summary>
    public bool IsConnected => _connection?.IsHealthy == true;

    /// <summary>Runs one command and returns its reply.</summary>
    /// <example><code>var reply = await redis.ExecuteAsync("HSET", "cart:42", "OLJCESPC7Z", 1);</code></example>
    /// <exception cref="RedisServerException">The server answered with an error.</exception>
    /// <exception cref="RedisConnectionException">No connection could be made, or it broke before the reply.</exception>
    /// <exception cref="RedisTimeoutException">No reply within <see cref="RedisConnectionOptions.CommandTimeout"/>.</exception>
    public Task<RedisReply> ExecuteAsync(string command, params object?[] args) =>
        ExecuteAsync(new RedisCommand(command, args));

    /// <summary>Runs one command and returns its reply; see <see cref="ExecuteAsync(string, object?[])"/>.</summary>
    public async Task<RedisReply> ExecuteAsync(RedisCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var replies = await ExecuteBatchAsync([command], cancellationToken).ConfigureAwait(false);
        return replies[0].ThrowIfError(command.Name);
    }

    /// <summary>
    /// Pipelines several commands: they are written back to back in one go (nothing from other callers
    /// in between, so <c>MULTI</c> ... <c>EXEC</c> is safe) and the replies come back in the same order.
    /// Error replies are returned as <see cref="RedisReplyKind.Error"/> replies, not thrown
    /// (<see cref="RedisReply.ThrowIfError"/>); a connection failure or timeout throws.
    /// </summary>
    /// <example><code>
    /// var replies = await redis.ExecuteBatchAsync([
    ///     new RedisCommand("HINCRBY", "cart:42", "OLJCESPC7Z", 1),
    ///     new RedisCommand("EXPIRE", "cart:42", 3600),
    ///     new RedisCommand("HGETALL", "cart:42")]);
    /// </code></example>
    public async Task<RedisReply[]> ExecuteBatchAsync(IReadOnlyList<RedisCommand> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (commands.Count == 0)
        {
            return [];
        }

        // One span per command, all children of the caller's span (not of each other).
        var parent = Activity.Current;
        var activities = new Activity?[commands.Count];
        for (var i = 0; i < commands.Count; i++)
        {
            activities[i] = RedisTelemetry.StartCommand(commands[i], Options, parent?.Context ?? default);
            Activity.Current = parent;
        }

        var started = Stopwatch.GetTimestamp();
        PendingReply[] pending;
        RedisConnection connection;
        try
        {
            connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
            pending = connection.Send(commands);
        }
        catch (Exception ex)
        {
            for (var i = 0; i < commands.Count; i++)
            {
                Finish(activities[i], commands[i], started, null, ex);
            }

            throw;
        }

        var results = new RedisReply[commands.Count];
        Exception? firstError = null;
        for (var i = 0; i < commands.Count; i++)
        {
            try
            {
                results[i] = await WaitAsync(connection, pending[i], started, cancellationToken).ConfigureAwait(false);
                Finish(activities[i], commands[i], started, results[i], null);
            }
            catch (Exception ex)
            {
                firstError ??= ex;
                Finish(activities[i], commands[i], started, null, ex);
            }
        }

        if (firstError is not null)
        {
            throw firstError;
        }

        return results;
    }

    /// <summary>Closes the connection; commands in flight fail.</summary>
    public async ValueTask DisposeAsync()
    {
        // Under the connect lock, so no connection opened concurrently outlives the client.
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            var connection = Interlocked.Exchange(ref _connection, null);
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<RedisReply> WaitAsync(RedisConnection connection, PendingReply pending, long started, CancellationToken cancellationToken)
    {
        var remaining = Options.CommandTimeout - Stopwatch.GetElapsedTime(started);
        try
        {
            return await pending.Task.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            var timeout = new RedisTimeoutException(
                $"Redis {pending.Command.Name} got no reply from {Options.EndPoint} within {Options.CommandTimeout.TotalMilliseconds:0} ms; the connection was reset.", ex);
            // The late reply would be read as the answer to the next command: drop the connection.
            connection.Fail(timeout);
            throw timeout;
        }
    }

    private static void Finish(Activity? activity, RedisCommand command, long started, RedisReply? reply, Exception? error)
    {
        if (error is null && reply is { IsError: true })
        {
            error = new RedisServerException(command.Name, reply.AsString()!);
        }

        if (error is not null)
        {
            RedisTelemetry.Failed(activity, error);
        }

        RedisTelemetry.RecordDuration(command, started, error);
        activity?.Dispose();
    }

    private async ValueTask<RedisConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = _connection;
        if (connection is { IsHealthy: true })
        {
            return connection;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            connection = _connection;
            if (connection is { IsHealthy: true })
            {
                return connection;
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            _connection = await RedisConnection.ConnectAsync(Options, _logger, cancellationToken).ConfigureAwait(false);
            return _connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }
}
