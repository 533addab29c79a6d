namespace Platform.Incident.Cli;

/// <summary>The command was called wrongly (unknown scenario or variant); the message lists what is valid. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
