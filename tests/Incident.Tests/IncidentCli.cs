using Platform.Incident.Cli;

namespace Incident.Tests;

/// <summary>Runs the tool's command line in process, as <c>incident ...</c> would, and captures what it prints.</summary>
internal static class IncidentCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> Run(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = IncidentCommand.Create(output, error, name => environment.GetValueOrDefault(name), workingDirectory);
        var exit = await command.Parse(args).InvokeAsync(new() { Output = output, Error = error });
        return new Result(exit, output.ToString(), error.ToString());
    }
}
