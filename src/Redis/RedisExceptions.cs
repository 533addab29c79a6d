namespace Platform.Redis;

/// <summary>Base class of every error this client raises.</summary>
public class RedisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The server answered a command with an error reply (e.g. <c>WRONGTYPE ...</c>). The connection stays usable.</summary>
public sealed class RedisServerException : RedisException
{
    /// <summary>Creates the exception from the server's error text.</summary>
    public RedisServerException(string command, string serverMessage)
        : base($"Redis {command} failed: {serverMessage}")
    {
        Command = command;
        ServerMessage = serverMessage;
    }

    /// <summary>The command that failed, e.g. <c>HINCRBY</c>.</summary>
    public string Command { get; }

    /// <summary>The error text the server sent, e.g. <c>WRONGTYPE Operation against a key holding the wrong kind of value</c>.</summary>
    public string ServerMessage { get; }

    /// <summary>The error's first word (<c>ERR</c>, <c>WRONGTYPE</c>, <c>NOAUTH</c>...).</summary>
    public string ErrorCode => ServerMessage.Split(' ', 2)[0];
}

/// <summary>The connection could not be opened, or broke while a command was in flight. The next command reconnects.</summary>
public class RedisConnectionException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The server refused the credentials given by <c>password=</c> (and <c>user=</c>).</summary>
public sealed class RedisAuthenticationException : RedisConnectionException
{
    /// <summary>Creates the exception.</summary>
    public RedisAuthenticationException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>A command got no reply within the command timeout; its connection was reset so later replies stay aligned.</summary>
public sealed class RedisTimeoutException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisTimeoutException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The bytes received are not valid RESP. The connection is reset.</summary>
public sealed class RedisProtocolException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisProtocolException(string message) : base(message) { }
}
