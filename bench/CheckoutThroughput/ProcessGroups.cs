namespace Platform.Bench.CheckoutThroughput;

/// <summary>Names the processes of this run for <see cref="ProcessCpu"/>, from their command lines.</summary>
public static class ProcessGroups
{
    public static Func<int, string, string?> Recogniser(PlatformUnderTest platform, ReceiverProcess receiver)
    {
        var repository = ReceiverProcess.RepositoryRoot();
        var self = Environment.ProcessId;
        var receiverPid = receiver.Process.Id;
        var receiverName = receiver.Kind == ReceiverKind.Sink ? "otlp-sink" : "dashboard";
        return (pid, commandLine) =>
            pid == receiverPid ? receiverName
            : pid == self ? "bench+kafka" // the load generator and, inside this AppHost process, the Kafka mock cluster
            : commandLine.StartsWith("dotnet run ", StringComparison.Ordinal) ? "dotnet-run"
            : commandLine.Contains(platform.DataDirectory, StringComparison.Ordinal) && commandLine.Contains("redis", StringComparison.Ordinal) ? "redis"
            : commandLine.Contains(platform.DataDirectory, StringComparison.Ordinal) ? "postgres"
            : commandLine.Contains("/dcp", StringComparison.Ordinal) ? "dcp"
            : platform.Projects.FirstOrDefault(p => commandLine.Contains($"{repository}/services/", StringComparison.Ordinal)
                && commandLine.Contains($"/{p}", StringComparison.OrdinalIgnoreCase)) is { } project ? project
            : null;
    }
}
