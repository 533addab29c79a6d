using Microsoft.Extensions.Logging;

namespace Platform.Redis;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "RedisConnected", Level = LogLevel.Information, Message = "Connected to Redis at {EndPoint} (database {Database})")]
    public static partial void Connected(ILogger logger, string endPoint, int database);

    [LoggerMessage(EventId = 2, EventName = "RedisConnectFailed", Level = LogLevel.Warning, Message = "Could not connect to Redis at {EndPoint}")]
    public static partial void ConnectFailed(ILogger logger, string endPoint, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "RedisConnectionLost", Level = LogLevel.Warning, Message = "Connection to Redis at {EndPoint} lost; {Pending} commands failed; the next command reconnects")]
    public static partial void ConnectionLost(ILogger logger, string endPoint, int pending, Exception exception);
}
