using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Flags;

internal static partial class FlagsLog
{
    [LoggerMessage(EventId = 9001, EventName = "FlagServiceNotConfigured", Level = LogLevel.Warning,
        Message = "FlagService address is not configured ({ConfigurationKey}): every feature flag returns its default value.")]
    public static partial void FlagServiceNotConfigured(ILogger logger, string configurationKey);

    [LoggerMessage(EventId = 9002, EventName = "FlagEvaluationFallback", Level = LogLevel.Warning,
        Message = "Feature flag '{FlagKey}' could not be evaluated ({ErrorType}: {ErrorDetails}); using the default value {DefaultValue}.")]
    public static partial void FlagEvaluationFallback(ILogger logger, string flagKey, string errorType, string? errorDetails, string defaultValue);
}
