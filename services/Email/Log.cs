namespace Platform.Email;

/// <summary>The service's log messages (the recipient is never logged, only the order id).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "ConfirmationRendered", Level = LogLevel.Debug, Message = "Confirmation of order {OrderId} rendered ({Length} characters, not sent)")]
    public static partial void ConfirmationRendered(ILogger logger, string orderId, int length);

    [LoggerMessage(EventId = 2, EventName = "MemoryLeaking", Level = LogLevel.Warning, Message = "emailMemoryLeak={Factor}: {RetainedBytes} bytes of confirmations held")]
    public static partial void MemoryLeaking(ILogger logger, long factor, long retainedBytes);

    [LoggerMessage(EventId = 3, EventName = "ConfirmationRejected", Level = LogLevel.Information, Message = "Confirmation rejected, invalid fields: {InvalidFields}")]
    public static partial void ConfirmationRejected(ILogger logger, string invalidFields);
}
