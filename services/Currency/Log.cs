namespace Platform.Currency;

/// <summary>The service's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "RatesLoaded", Level = LogLevel.Information, Message = "Loaded {Count} rates against {Base} as of {Date}")]
    public static partial void RatesLoaded(ILogger logger, int count, string @base, DateOnly date);

    [LoggerMessage(EventId = 2, EventName = "Converted", Level = LogLevel.Debug, Message = "Converted {Amount} {From} to {Result} {To}")]
    public static partial void Converted(ILogger logger, decimal amount, string from, decimal result, string to);

    [LoggerMessage(EventId = 3, EventName = "ConversionRejected", Level = LogLevel.Information, Message = "Conversion rejected, invalid fields: {InvalidFields}")]
    public static partial void ConversionRejected(ILogger logger, string invalidFields);
}
