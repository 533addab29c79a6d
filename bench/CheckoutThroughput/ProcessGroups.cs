namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// Names the processes of this run for <see cref="ProcessCpu"/> from their command lines. Other sessions
/// on the machine run the same programs: a process is this run's when it is the bench, the sink, or
/// names this repository, this phase's data directory or this process as DCP's monitored parent, or
/// descends from one of those (the AppHost's dashboard descends from this run's DCP).
/// </summary>
public static class ProcessGroups
{
    public static Func<int, string, ProcessGroup?> Recogniser(PlatformUnderTest platform, ReceiverProcess? sink)
    {
        var repository = ReceiverProcess.RepositoryRoot() + "/";
        var self = Environment.ProcessId;
        var sinkPid = sink?.Process.Id;
        var dcpOfThisRun = $" --monitor {self} ";
        return (pid, commandLine) =>
        {
            var ours = commandLine.Contains(repository, StringComparison.Ordinal) || commandLine.Contains(platform.DataDirectory, StringComparison.Ordinal);
            return pid == sinkPid ? new("otlp-sink", true)
                : pid == self ? new("bench+kafka", true) // the load generator and, in this AppHost process, the Kafka mock cluster
                : commandLine.StartsWith("dotnet run ", StringComparison.Ordinal) ? new("dotnet-run", ours)
                : commandLine.Contains("redis-server", StringComparison.Ordinal) ? new("redis", ours)
                : commandLine.Contains("postgres", StringComparison.Ordinal) ? new("postgres", ours)
                : commandLine.Contains("Aspire.Dashboard", StringComparison.Ordinal) ? new("dashboard", false)
                : commandLine.Contains("dcp start-apiserver", StringComparison.Ordinal) ? new("dcp", commandLine.Contains(dcpOfThisRun, StringComparison.Ordinal))
                : commandLine.Contains("/dcp ", StringComparison.Ordinal) ? new("dcp", false)
                : platform.Projects.FirstOrDefault(p => commandLine.Contains($"/{p}/bin/", StringComparison.OrdinalIgnoreCase)) is { } project ? new(project, ours)
                : null;
        };
    }
}
