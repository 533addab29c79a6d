namespace Platform.Quote;

/// <summary>The service's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "Quoted", Level = LogLevel.Debug, Message = "Quoted {ItemCount} items at {Cost} {Currency}")]
    public static partial void Quoted(ILogger logger, int itemCount, decimal cost, string currency);
}
