using System.CommandLine;
using Platform.Contracts;
using Platform.Incident.Infrastructure;

namespace Platform.Incident.Cli;

/// <summary>
/// The command line: <c>incident list | trigger &lt;scenario&gt; [--variant v] | clear [&lt;scenario&gt;|--all] | status</c>.
/// Exit codes: 0 done, 1 FlagService or the token failed (the message names the fix), 2 wrong usage (an unknown
/// scenario or variant: the message lists the valid ones).
/// </summary>
internal sealed class IncidentCommand
{
    public const int Failed = 1;
    public const int Usage = 2;

    private readonly Option<string> FlagsUrl = new("--flags-url")
    {
        Description = "FlagService's address.",
        DefaultValueFactory = _ => "http://127.0.0.1:5106",
        Recursive = true,
    };

    private readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = $"A file holding the admin token (default: ${AdminToken.EnvironmentVariable}, else {AdminToken.AppHostSecret} found from the working directory up).",
        Recursive = true,
    };

    private readonly Option<TimeSpan> Timeout = new("--timeout")
    {
        Description = "How long each call to FlagService may take (hh:mm:ss).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        Recursive = true,
    };

    private readonly Argument<string> TriggerScenario = new("scenario") { Description = "The scenario to trigger (see `incident list`)." };

    private readonly Option<string?> Variant = new("--variant", "-v") { Description = "The flag variant to set (default: the scenario's trigger variant)." };

    private readonly Argument<string?> ClearScenario = new("scenario") { Description = "The scenario to clear.", Arity = ArgumentArity.ZeroOrOne };

    private readonly Option<bool> All = new("--all") { Description = "Clear every scenario." };

    private IncidentCommand()
    {
    }

    // Symbols are made per command tree: System.CommandLine ties each to its parent command.
    public static RootCommand Create(TextWriter output, TextWriter error, Func<string, string?> environment, string? workingDirectory = null) =>
        new IncidentCommand().Build(output, error, environment, workingDirectory);

    private RootCommand Build(TextWriter output, TextWriter error, Func<string, string?> environment, string? workingDirectory)
    {
        var root = new RootCommand("Lists, triggers and clears the Platform's incident scenarios through FlagService's admin API.");
        root.Options.Add(FlagsUrl);
        root.Options.Add(TokenFile);
        root.Options.Add(Timeout);

        var list = new Command("list", "Every scenario: its flag and variants, the symptom to find and where to look.");
        list.SetAction(_ => ScenarioTable.WriteList(output));

        var status = new Command("status", "Each scenario's flag and current variant, active ones marked.");
        status.SetAction((parse, ct) => RunAsync(parse, error, environment, workingDirectory, (actions, c) => actions.StatusAsync(output, c), ct));

        var trigger = new Command("trigger", "Triggers a scenario: sets its flag to the variant.") { TriggerScenario, Variant };
        trigger.SetAction((parse, ct) => RunAsync(parse, error, environment, workingDirectory,
            (actions, c) => actions.TriggerAsync(parse.GetValue(TriggerScenario)!, parse.GetValue(Variant), output, c), ct));

        var clear = new Command("clear", "Clears a scenario (its flag back to off), or every one with --all.") { ClearScenario, All };
        clear.SetAction((parse, ct) => RunAsync(parse, error, environment, workingDirectory,
            (actions, c) => actions.ClearAsync(parse.GetValue(ClearScenario), parse.GetValue(All), output, c), ct));

        root.Subcommands.Add(list);
        root.Subcommands.Add(status);
        root.Subcommands.Add(trigger);
        root.Subcommands.Add(clear);
        return root;
    }

    private async Task<int> RunAsync(
        ParseResult parse, TextWriter error, Func<string, string?> environment, string? workingDirectory,
        Func<ScenarioActions, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var url = parse.GetValue(FlagsUrl)!;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"--flags-url '{url}' is not an http(s) address such as http://127.0.0.1:5106.");
            return Usage;
        }
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = parse.GetValue(Timeout) };
        var tokenFile = parse.GetValue(TokenFile);
        var client = new FlagsAdminClient(http, () => AdminToken.Read(environment, tokenFile, workingDirectory ?? Directory.GetCurrentDirectory()));
        try
        {
            await action(new ScenarioActions(client), cancellationToken);
            return 0;
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return Usage;
        }
        catch (IncidentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return Failed;
        }
    }
}
