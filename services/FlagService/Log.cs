namespace FlagService;

/// <summary>FlagService's log messages (never a token).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "FlagFileLoaded", Level = LogLevel.Information, Message = "Loaded {FlagCount} flags from {FlagFile}")]
    public static partial void FlagFileLoaded(ILogger logger, int flagCount, string flagFile);

    [LoggerMessage(EventId = 2, EventName = "FlagFileRejected", Level = LogLevel.Warning, Message = "Rejected flag file {FlagFile}: {Reason}. The last good flags stay in force")]
    public static partial void FlagFileRejected(ILogger logger, string flagFile, string reason);

    [LoggerMessage(EventId = 3, EventName = "FlagFileUnreadable", Level = LogLevel.Warning, Message = "Cannot read flag file {FlagFile}: {Reason}. The last good flags stay in force")]
    public static partial void FlagFileUnreadable(ILogger logger, string flagFile, string reason);

    [LoggerMessage(EventId = 4, EventName = "FlagChanged", Level = LogLevel.Information, Message = "Flag {FlagKey} changed: {Change} from {OldValue} to {NewValue} by {Who} via {Via}")]
    public static partial void FlagChanged(ILogger logger, string flagKey, string change, string? oldValue, string? newValue, string who, string via);

    [LoggerMessage(EventId = 5, EventName = "FlagFileWriteFailed", Level = LogLevel.Error, Message = "Cannot write flag file {FlagFile}")]
    public static partial void FlagFileWriteFailed(ILogger logger, string flagFile, Exception exception);

    [LoggerMessage(EventId = 6, EventName = "AdminDisabled", Level = LogLevel.Warning, Message = "Flags:AdminToken is not configured: changing flags over HTTP is disabled")]
    public static partial void AdminDisabled(ILogger logger);

    [LoggerMessage(EventId = 7, EventName = "AdminUnauthorized", Level = LogLevel.Warning, Message = "Rejected a flag change for {FlagKey} from {RemoteAddress}: missing or wrong admin token")]
    public static partial void AdminUnauthorized(ILogger logger, string flagKey, string remoteAddress);

    [LoggerMessage(EventId = 8, EventName = "WatcherUnavailable", Level = LogLevel.Warning, Message = "Cannot watch {Directory} for changes; polling only")]
    public static partial void WatcherUnavailable(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 9, EventName = "ReloadFailed", Level = LogLevel.Error, Message = "Checking flag file {FlagFile} failed")]
    public static partial void ReloadFailed(ILogger logger, string flagFile, Exception exception);

    [LoggerMessage(EventId = 10, EventName = "AuditWriteFailed", Level = LogLevel.Error, Message = "Cannot append to audit log {AuditLog}")]
    public static partial void AuditWriteFailed(ILogger logger, string auditLog, Exception exception);

    [LoggerMessage(EventId = 11, EventName = "FlagFileCreatedFromDefaults", Level = LogLevel.Information, Message = "Created flag file {FlagFile} from the defaults {DefaultsFile} ({FlagCount} flags)")]
    public static partial void FlagFileCreatedFromDefaults(ILogger logger, string flagFile, string defaultsFile, int flagCount);

    [LoggerMessage(EventId = 12, EventName = "FlagsAddedFromDefaults", Level = LogLevel.Information, Message = "Added flags {FlagKeys} to {FlagFile} from the defaults {DefaultsFile}; the flags already there are unchanged")]
    public static partial void FlagsAddedFromDefaults(ILogger logger, string flagKeys, string flagFile, string defaultsFile);

    [LoggerMessage(EventId = 13, EventName = "FlagsNotInDefaults", Level = LogLevel.Information, Message = "Flags {FlagKeys} of {FlagFile} are not in the defaults {DefaultsFile}; they are kept")]
    public static partial void FlagsNotInDefaults(ILogger logger, string flagKeys, string flagFile, string defaultsFile);
}
