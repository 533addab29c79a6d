namespace Platform.Incident.Infrastructure;

/// <summary>A failure the operator can fix; its message says how. The command prints it and exits with 1.</summary>
internal sealed class IncidentException(string message) : Exception(message);
