using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

internal static partial class MessagingLog
{
    [LoggerMessage(EventId = 1, EventName = "KafkaPublishFailed", Level = LogLevel.Error, Message = "Publishing to {Topic} (key {Key}) failed")]
    public static partial void PublishFailed(ILogger logger, string topic, string key, Exception exception);

    [LoggerMessage(EventId = 2, EventName = "KafkaClientError", Level = LogLevel.Warning, Message = "Kafka {Client} error {Code}: {Reason} (fatal: {IsFatal})")]
    public static partial void ClientError(ILogger logger, string client, string code, string reason, bool isFatal);

    [LoggerMessage(EventId = 3, EventName = "KafkaClientLog", Level = LogLevel.Debug, Message = "librdkafka {Client} [{Facility}] {Text}")]
    public static partial void ClientLog(ILogger logger, string client, string facility, string text);

    [LoggerMessage(EventId = 4, EventName = "KafkaPoisonMessage", Level = LogLevel.Error, Message = "Skipping unparseable message {Topic} [{Partition}] @{Offset} in group {Group}: {Reason}")]
    public static partial void PoisonMessage(ILogger logger, string topic, int partition, long offset, string group, string reason, Exception exception);

    [LoggerMessage(EventId = 11, EventName = "KafkaBatchFailed", Level = LogLevel.Warning, Message = "Handling a batch of {Count} message(s) of {Topic} from [{Partition}] @{Offset} in group {Group} failed (attempt {Attempt}); retrying in {DelayMs} ms without committing")]
    public static partial void BatchFailed(ILogger logger, string topic, int count, int partition, long offset, string group, int attempt, long delayMs, Exception exception);

    [LoggerMessage(EventId = 6, EventName = "KafkaConsumeError", Level = LogLevel.Warning, Message = "Consuming {Topic} in group {Group} failed: {Reason}")]
    public static partial void ConsumeError(ILogger logger, string topic, string group, string reason);

    [LoggerMessage(EventId = 7, EventName = "KafkaCommitFailed", Level = LogLevel.Warning, Message = "Committing {Topic} [{Partition}] @{Offset} in group {Group} failed; the message may be delivered again")]
    public static partial void CommitFailed(ILogger logger, string topic, int partition, long offset, string group, Exception exception);

    [LoggerMessage(EventId = 8, EventName = "KafkaConsumerStarted", Level = LogLevel.Information, Message = "Consuming {Topic} in group {Group} from {BootstrapServers}")]
    public static partial void ConsumerStarted(ILogger logger, string topic, string group, string bootstrapServers);

    [LoggerMessage(EventId = 9, EventName = "KafkaConsumerStopped", Level = LogLevel.Information, Message = "Stopped consuming {Topic} in group {Group}")]
    public static partial void ConsumerStopped(ILogger logger, string topic, string group);

    [LoggerMessage(EventId = 10, EventName = "KafkaConsumerRestarting", Level = LogLevel.Error, Message = "Consumer of {Topic} in group {Group} failed; starting a new one in {DelayMs} ms")]
    public static partial void ConsumerRestarting(ILogger logger, string topic, string group, long delayMs, Exception exception);
}
