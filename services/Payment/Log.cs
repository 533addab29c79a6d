namespace Platform.Payment;

/// <summary>The service's log messages. A card is only ever identified by its last four digits.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "ChargeSucceeded", Level = LogLevel.Debug,
        Message = "Charged {Amount} {Currency} to {CardType} card ending {CardLastFour}: transaction {TransactionId}")]
    public static partial void ChargeSucceeded(ILogger logger, decimal amount, string currency, string cardType, string cardLastFour, string transactionId);

    [LoggerMessage(EventId = 2, EventName = "ChargeRejected", Level = LogLevel.Information, Message = "Charge rejected, invalid fields: {InvalidFields}")]
    public static partial void ChargeRejected(ILogger logger, string invalidFields);

    [LoggerMessage(EventId = 3, EventName = "ChargeFailed", Level = LogLevel.Error,
        Message = "Charge of {Amount} {Currency} to {CardType} card ending {CardLastFour} failed (paymentFailure={FailureRate})")]
    public static partial void ChargeFailed(ILogger logger, decimal amount, string currency, string cardType, string cardLastFour, double failureRate, Exception exception);

    [LoggerMessage(EventId = 4, EventName = "ChargeVoided", Level = LogLevel.Information, Message = "Transaction {TransactionId} voided")]
    public static partial void ChargeVoided(ILogger logger, string transactionId);

    [LoggerMessage(EventId = 5, EventName = "VoidRefused", Level = LogLevel.Warning, Message = "Void of transaction {TransactionId} refused: {Outcome}")]
    public static partial void VoidRefused(ILogger logger, string transactionId, Infrastructure.VoidOutcome outcome);
}
