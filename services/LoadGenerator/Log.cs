namespace Platform.LoadGenerator;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "LoadStarted", Level = LogLevel.Information, Message = "Starting {Users} simulated users at {SpawnRate} per second")]
    public static partial void Started(ILogger logger, int users, double spawnRate);

    [LoggerMessage(EventId = 2, EventName = "LoadSummary", Level = LogLevel.Information, Message = "Load summary:\n{Table}")]
    public static partial void Summary(ILogger logger, string table);
}
