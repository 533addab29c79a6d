namespace Platform.Ad;

/// <summary>The service's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "AdsServed", Level = LogLevel.Information, Message = "Served {Count} {ResponseType} ads for context keys {ContextKeys}")]
    public static partial void AdsServed(ILogger logger, int count, string responseType, string contextKeys);

    [LoggerMessage(EventId = 2, EventName = "AdFailure", Level = LogLevel.Error, Message = "adFailure: ad request for context keys {ContextKeys} failed on purpose")]
    public static partial void AdFailure(ILogger logger, string contextKeys, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "HighCpuStarted", Level = LogLevel.Warning, Message = "adHighCpu on: {Threads} threads burning CPU until the flag goes off")]
    public static partial void HighCpuStarted(ILogger logger, int threads);

    [LoggerMessage(EventId = 4, EventName = "HighCpuStopped", Level = LogLevel.Information, Message = "adHighCpu off: the CPU-burning threads stopped")]
    public static partial void HighCpuStopped(ILogger logger);

    [LoggerMessage(EventId = 5, EventName = "ManualGc", Level = LogLevel.Warning, Message = "adManualGc: {Collections} full collections forced after building {PressureBytes} bytes, {ElapsedMs} ms")]
    public static partial void ManualGc(ILogger logger, int collections, long pressureBytes, long elapsedMs);

    [LoggerMessage(EventId = 6, EventName = "AdsRejected", Level = LogLevel.Information, Message = "Ad request rejected: {Error}")]
    public static partial void AdsRejected(ILogger logger, string error);

    [LoggerMessage(EventId = 7, EventName = "AdsLoaded", Level = LogLevel.Information, Message = "Loaded {Count} ads in {Categories} categories")]
    public static partial void AdsLoaded(ILogger logger, int count, int categories);
}
