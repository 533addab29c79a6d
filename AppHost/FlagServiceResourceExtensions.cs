using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Platform.AppHost;

/// <summary>FlagService's flag file and the dashboard commands that switch its flags.</summary>
internal static class FlagServiceResourceExtensions
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The demo flag file shipped with FlagService: the defaults, and the list of flags and variants.</summary>
    private static string DemoFlagFile => Path.Combine(Path.GetDirectoryName(new Projects.FlagService().ProjectPath)!, "flags", "demo.flagd.json");

    /// <summary>
    /// FlagService works on a copy of the demo flag file, made at its start from the demo file (and given
    /// the flags that are new in it), so the flags can be switched without touching what ships. Run mode:
    /// the copy is in <c>.apphost/flagservice/</c>, so switches survive restarts and never dirty git.
    /// Publish mode: the copy is in the pod's writable <c>/tmp</c> (the image's file system is read-only),
    /// so a restarted pod starts from the shipped defaults.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFlagFile(this IResourceBuilder<ProjectResource> flagService)
    {
        var builder = flagService.ApplicationBuilder;
        if (builder.ExecutionContext.IsPublishMode)
        {
            return flagService
                .WithEnvironment("Flags__File", "/tmp/flags.flagd.json")
                .WithEnvironment("Flags__DefaultsFile", "flags/demo.flagd.json");
        }
        var copy = Path.Combine(builder.GetLocalDataDirectory(flagService.Resource.Name), "flags.flagd.json");
        return flagService
            .WithEnvironment("Flags__File", copy)
            .WithEnvironment("Flags__DefaultsFile", DemoFlagFile);
    }

    /// <summary>
    /// One dashboard command per flag and variant ("paymentFailure: 50%"), each a call to FlagService's
    /// admin API with the admin token, so it is checked and audited like any other change.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFlagCommands(this IResourceBuilder<ProjectResource> flagService, IResourceBuilder<ParameterResource> adminToken)
    {
        if (flagService.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return flagService;
        }
        var flags = JsonNode.Parse(File.ReadAllText(DemoFlagFile))!["flags"]!.AsObject();
        foreach (var (key, flag) in flags)
        {
            foreach (var (variant, _) in flag!["variants"]!.AsObject())
            {
                flagService.WithCommand(
                    name: $"flag-{key}-{variant}",
                    displayName: $"{key}: {variant}",
                    executeCommand: context => SetFlagAsync(flagService.Resource, adminToken.Resource, key, variant, context.CancellationToken),
                    commandOptions: new CommandOptions
                    {
                        Description = $"Sets the default variant of flag {key} to {variant} (audited by FlagService).",
                        IconName = "Flag",
                        UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
                            ? ResourceCommandState.Enabled
                            : ResourceCommandState.Disabled,
                    });
            }
        }
        return flagService;
    }

    /// <summary>
    /// "Clear all incidents": every scenario flag of <see cref="IncidentScenarios"/> that is not <c>off</c> goes back
    /// to <c>off</c> (what <c>incident clear --all</c> does). Per-scenario commands would repeat the per-flag ones.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithClearIncidentsCommand(this IResourceBuilder<ProjectResource> flagService, IResourceBuilder<ParameterResource> adminToken)
    {
        if (flagService.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return flagService;
        }
        return flagService.WithCommand(
            name: "clear-incidents",
            displayName: "Clear all incidents",
            executeCommand: context => ClearIncidentsAsync(flagService.Resource, adminToken.Resource, context.CancellationToken),
            commandOptions: new CommandOptions
            {
                Description = "Sets every incident scenario's flag that is on back to off (audited by FlagService).",
                IconName = "FlagOff",
                IsHighlighted = true,
                UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
    }

    private static async Task<ExecuteCommandResult> ClearIncidentsAsync(ProjectResource flagService, ParameterResource adminToken, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(flagService.GetEndpoint("http").Url), Timeout = CommandTimeout };
        try
        {
            var flags = await http.GetFromJsonAsync<JsonArray>("/api/flags", cancellationToken) ?? [];
            var scenarioFlags = IncidentScenarios.All.Select(s => s.FlagKey).ToHashSet(StringComparer.Ordinal);
            var active = flags.Select(f => ((string)f!["key"]!, (string?)f["defaultVariant"]))
                .Where(f => scenarioFlags.Contains(f.Item1) && f.Item2 != IncidentScenario.OffVariant)
                .Select(f => f.Item1).ToList();
            foreach (var key in active)
            {
                var result = await SetFlagAsync(flagService, adminToken, key, IncidentScenario.OffVariant, cancellationToken);
                if (!result.Success)
                {
                    return result;
                }
            }
            return CommandResults.Success();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return CommandResults.Failure($"FlagService could not be reached: {ex.Message}");
        }
    }

    private static async Task<ExecuteCommandResult> SetFlagAsync(ProjectResource flagService, ParameterResource adminToken, string key, string variant, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(flagService.GetEndpoint("http").Url), Timeout = CommandTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/flags/{Uri.EscapeDataString(key)}")
        {
            Content = JsonContent.Create(new { defaultVariant = variant }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await adminToken.GetValueAsync(cancellationToken));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? CommandResults.Success()
                : CommandResults.Failure($"FlagService answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return CommandResults.Failure($"FlagService could not be reached: {ex.Message}");
        }
    }
}
