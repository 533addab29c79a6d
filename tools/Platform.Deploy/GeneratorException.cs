namespace Platform.Deploy;

/// <summary>A problem the user can fix (bad option, unsupported resource): printed without a stack trace, exit code 1.</summary>
internal sealed class GeneratorException(string message) : Exception(message);
