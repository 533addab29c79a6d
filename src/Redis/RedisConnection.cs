using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Platform.Redis.Protocol;

namespace Platform.Redis;

/// <summary>
/// One socket to the server, multiplexed: callers queue commands, a writer loop sends them in
/// order (many per flush), a reader loop hands each reply to the oldest pending command (FIFO).
/// Any failure (socket error, protocol error, a timed-out command) fails the connection as a
/// whole and every command still pending on it; the client then opens a new one.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<PendingReply> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RedisConnectionOptions _options;
    private readonly ILogger _logger;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private Exception? _failure;

    private RedisConnection(Socket socket, Stream stream, RedisConnectionOptions options, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        _options = options;
        _logger = logger;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    /// <summary>False once the connection failed or was closed.</summary>
    public bool IsHealthy => _failure is null;

    /// <summary>
    /// Opens the socket (TLS if asked), then authenticates, selects the database and names the
    /// client, all within the connect timeout.
    /// </summary>
    public static async Task<RedisConnection> ConnectAsync(RedisConnectionOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RedisConnection? connection = null;
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(options.Host, options.Port), timeout.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (options.Ssl)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.SslHost ?? options.Host }, timeout.Token).ConfigureAwait(false);
                stream = ssl;
            }

            connection = new RedisConnection(socket, stream, options, logger);
            connection.Start();
            await connection.HandshakeAsync(timeout.Token).ConfigureAwait(false);
            Log.Connected(logger, options.EndPoint, options.Database);
            return connection;
        }
        catch (Exception ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            var error = ex switch
            {
                RedisAuthenticationException => ex,
                OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                    new RedisConnectionException($"Could not connect to Redis at {options.EndPoint} within {options.ConnectTimeout.TotalMilliseconds:0} ms.", ex),
                OperationCanceledException => ex,
                RedisServerException server => new RedisConnectionException($"Redis at {options.EndPoint} refused the connection setup: {server.ServerMessage}", ex),
                _ => new RedisConnectionException($"Could not connect to Redis at {options.EndPoint}: {ex.Message}", ex),
            };
            if (error is not OperationCanceledException)
            {
                Log.ConnectFailed(logger, options.EndPoint, error);
            }

            throw error;
        }
    }

    /// <summary>Queues commands to be written contiguously; returns one pending reply per command, in order.</summary>
    public PendingReply[] Send(IReadOnlyList<RedisCommand> commands)
    {
        var replies = new PendingReply[commands.Count];
        for (var i = 0; i < replies.Length; i++)
        {
            replies[i] = new PendingReply(commands[i]);
        }

        if (_failure is { } failure || !_outgoing.Writer.TryWrite(new Outgoing(commands, replies)))
        {
            var error = Broken(_failure ?? new RedisConnectionException("The connection is closed."));
            foreach (var reply in replies)
            {
                reply.TrySetException(error);
            }
        }

        return replies;
    }

    /// <summary>Fails the connection and every pending command; closes the socket. Idempotent.</summary>
    public void Fail(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _failure, reason, null) is not null)
        {
            return;
        }

        _outgoing.Writer.TryComplete();
        _stop.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        var failed = FailPending();
        if (reason is not ObjectDisposedException)
        {
            Log.ConnectionLost(_logger, _options.EndPoint, failed, reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(RedisClient), "The Redis client was disposed."));
        try
        {
            await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loops end with the failure already reported to every pending command.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var commands = new List<RedisCommand>();
        if (_options.Password is not null)
        {
            commands.Add(_options.User is null ? new RedisCommand("AUTH", _options.Password) : new RedisCommand("AUTH", _options.User, _options.Password));
        }

        if (_options.Database != 0)
        {
            commands.Add(new RedisCommand("SELECT", _options.Database));
        }

        if (!string.IsNullOrEmpty(_options.ClientName))
        {
            commands.Add(new RedisCommand("CLIENT", "SETNAME", _options.ClientName));
        }

        if (commands.Count == 0)
        {
            return;
        }

        var replies = Send(commands);
        for (var i = 0; i < replies.Length; i++)
        {
            var reply = await replies[i].Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (reply.IsError && commands[i].Name == "AUTH")
            {
                throw new RedisAuthenticationException(
                    $"Redis at {_options.EndPoint} rejected the password{(_options.User is null ? "" : $" of user '{_options.User}'")}: {reply.AsString()}");
            }

            reply.ThrowIfError(commands[i].Name);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var reader = _outgoing.Reader;
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    for (var i = 0; i < item.Commands.Count; i++)
                    {
                        // Queued before it is written, so the reader always finds it when the reply comes.
                        _pending.Enqueue(item.Replies[i]);
                        RespWriter.Write(_output, item.Commands[i]);
                    }

                    if (_failure is not null)
                    {
                        FailPending();
                        return;
                    }

                    if (_output.UnflushedBytes > 64 * 1024)
                    {
                        await _output.FlushAsync(_stop.Token).ConfigureAwait(false);
                    }
                }

                await _output.FlushAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Fail(ex is OperationCanceledException ? _failure ?? ex : new RedisConnectionException($"Writing to Redis at {_options.EndPoint} failed: {ex.Message}", ex));
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var reader = new SequenceReader<byte>(buffer);
                while (RespParser.TryParse(ref reader, out var reply))
                {
                    if (!_pending.TryDequeue(out var pending))
                    {
                        throw new RedisProtocolException($"Redis sent a reply no command was waiting for: {reply}.");
                    }

                    pending.TrySetResult(reply);
                }

                _input.AdvanceTo(reader.Position, buffer.End);
                if (result.IsCompleted)
                {
                    throw new RedisConnectionException($"Redis at {_options.EndPoint} closed the connection.");
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex switch
            {
                OperationCanceledException => _failure ?? ex,
                RedisException => ex,
                _ => new RedisConnectionException($"Reading from Redis at {_options.EndPoint} failed: {ex.Message}", ex),
            });
        }
    }

    private int FailPending()
    {
        var error = Broken(_failure!);
        var count = 0;
        while (_outgoing.Reader.TryRead(out var item))
        {
            foreach (var reply in item.Replies)
            {
                count += reply.TrySetException(error) ? 1 : 0;
            }
        }

        while (_pending.TryDequeue(out var reply))
        {
            count += reply.TrySetException(error) ? 1 : 0;
        }

        return count;
    }

    private Exception Broken(Exception reason) => reason switch
    {
        ObjectDisposedException => reason,
        RedisConnectionException => reason,
        RedisTimeoutException => new RedisConnectionException($"The connection to Redis at {_options.EndPoint} was reset because a command timed out.", reason),
        _ => new RedisConnectionException($"The connection to Redis at {_options.EndPoint} failed: {reason.Message}", reason),
    };

    private sealed record Outgoing(IReadOnlyList<RedisCommand> Commands, PendingReply[] Replies);
}

/// <summary>A command waiting for its reply.</summary>
internal sealed class PendingReply(RedisCommand command) : TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public RedisCommand Command { get; } = command;
}
