// incident: list, trigger and clear the Platform's incident scenarios through FlagService's admin API.
// `dotnet run --project tools/Incident -- --help`; tools/Incident/README.md tells the whole story.
using Platform.Incident.Cli;

var command = IncidentCommand.Create(Console.Out, Console.Error, Environment.GetEnvironmentVariable);
return await command.Parse(args).InvokeAsync();
