using System.Collections;
using System.Globalization;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Processes;

namespace Platform.Hosting.Orchestration;

/// <summary>
/// Runs a project (<c>dotnet &lt;dll&gt;</c> in its project directory) or an executable: one guarded
/// process per replica, output captured per resource, health polled over HTTP.
/// </summary>
internal sealed class ProcessRunner(IResource resource, RunContext context) : IResourceRunner
{
    private static readonly string[] ClearedPrefixes = ["ConnectionStrings__", "services__", "Parameters__", "OTEL_"];
    private static readonly string[] ClearedNames =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "DOTNET_LAUNCH_PROFILE"];

    private readonly Lock _gate = new();
    private List<GuardedProcess> _processes = [];
    private CancellationTokenSource? _run;
    private bool _stopping;

    public IResource Resource { get; } = resource;

    private int Replicas => Resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;

    private IEnumerable<EndpointAnnotation> Endpoints => Resource.Annotations.OfType<EndpointAnnotation>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        context.Publish(Resource, s => s with { State = KnownResourceStates.Starting, HealthStatus = null, ExitCode = null, Message = null });
        var resolved = ResolveProgram();
        if (resolved is not { Problem: null })
        {
            context.Publish(Resource, s => s with { State = KnownResourceStates.FailedToStart, Message = resolved?.Problem ?? "not a process resource" });
            return;
        }

        var (program, arguments, workingDirectory, _) = resolved.Value;

        if (Endpoints.SelectMany(e => e.AllocatedPorts).FirstOrDefault(p => !Local.FreePort.IsFree(p)) is var busy and > 0)
        {
            context.Publish(Resource, s => s with
            {
                State = KnownResourceStates.FailedToStart,
                Message = $"port {busy} is in use: stop what listens there, or change the port of '{Resource.Name}' (WithHttpEndpoint(port: ...) in AppHost/Program.cs, or run the tests' random ports)",
            });
            return;
        }

        _stopping = false;
        var run = new CancellationTokenSource();
        var started = new List<GuardedProcess>();
        var environments = new List<IReadOnlyDictionary<string, string>>();
        try
        {
            for (var replica = 0; replica < Replicas; replica++)
            {
                var (environment, shown) = await BuildEnvironmentAsync(replica, cancellationToken).ConfigureAwait(false);
                environments.Add(shown);
                var index = replica;
                var process = await GuardedProcess.StartAsync(new GuardedProcessOptions
                {
                    FileName = program,
                    Arguments = arguments,
                    WorkingDirectory = workingDirectory,
                    Environment = environment,
                    OnOutput = (isError, line) => context.Logs.Write(Resource.Name, new LogLine(DateTimeOffset.UtcNow, index, isError, line)),
                }).ConfigureAwait(false);
                started.Add(process);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var process in started)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }

            context.Publish(Resource, s => s with { State = KnownResourceStates.FailedToStart, Message = e.Message });
            return;
        }

        lock (_gate)
        {
            _processes = started;
            _run = run;
        }

        var hasHealthCheck = Resource.Annotations.OfType<HealthCheckAnnotation>().Any();
        context.Publish(Resource, s => s with
        {
            State = KnownResourceStates.Running,
            HealthStatus = hasHealthCheck ? Health.Unhealthy : Health.Healthy,
            ProcessIds = [.. started.Select(p => p.Id)],
            Urls = [.. Endpoints.SelectMany(e => e.Urls)],
            Environment = environments[0],
            StartedAt = DateTimeOffset.UtcNow,
        });
        foreach (var (process, replica) in started.Select((p, i) => (p, i)))
        {
            _ = WatchExitAsync(process, replica, started);
        }

        if (hasHealthCheck)
        {
            _ = HealthLoopAsync(run.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<GuardedProcess> processes;
        lock (_gate)
        {
            _stopping = true;
            _run?.Cancel();
            processes = _processes;
            _processes = [];
        }

        if (processes.Count == 0 || processes.All(p => p.HasExited))
        {
            return;
        }

        context.Publish(Resource, s => s with { State = KnownResourceStates.Stopping });
        await Task.WhenAll(processes.Select(p => p.StopAsync(context.Options.StopTimeout))).ConfigureAwait(false);
        var exitCode = processes.Select(p => p.Exited.Result).FirstOrDefault(code => code != 0);
        context.Publish(Resource, s => s with { State = KnownResourceStates.Exited, HealthStatus = null, ExitCode = exitCode, ProcessIds = [] });
        foreach (var process in processes)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WatchExitAsync(GuardedProcess process, int replica, List<GuardedProcess> generation)
    {
        var exitCode = await process.Exited.ConfigureAwait(false);
        lock (_gate)
        {
            if (_stopping || !ReferenceEquals(_processes, generation))
            {
                return;
            }

            _processes = [];
            _run?.Cancel();
        }

        var lastLines = context.Logs.GetLines(Resource.Name).Where(l => l.Replica == replica).TakeLast(10).Select(l => l.Text);
        context.Publish(Resource, s => s with
        {
            State = exitCode == 0 ? KnownResourceStates.Finished : KnownResourceStates.Exited,
            HealthStatus = null,
            ExitCode = exitCode,
            ProcessIds = [],
            Message = $"exited unexpectedly with code {exitCode}; last lines:{Environment.NewLine}{string.Join(Environment.NewLine, lastLines)}",
        });
        foreach (var other in generation.Where(p => !p.HasExited))
        {
            await other.StopAsync(context.Options.StopTimeout).ConfigureAwait(false);
        }
    }

    private async Task HealthLoopAsync(CancellationToken cancellationToken)
    {
        var check = Resource.Annotations.OfType<HealthCheckAnnotation>().Last();
        var endpoint = Endpoints.FirstOrDefault(e => e.Name == check.EndpointName);
        if (endpoint is null)
        {
            return;
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var healthy = true;
                foreach (var url in endpoint.Urls)
                {
                    healthy &= await IsHealthyAsync(new Uri(new Uri(url), check.Path), cancellationToken).ConfigureAwait(false);
                }

                var status = healthy ? Health.Healthy : Health.Unhealthy;
                context.Publish(Resource, s => s.State == KnownResourceStates.Running ? s with { HealthStatus = status } : s);
                await Task.Delay(healthy ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task<bool> IsHealthyAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await context.HealthClient.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private (string Program, IReadOnlyList<string> Arguments, string WorkingDirectory, string? Problem)? ResolveProgram()
    {
        var args = Resource.Annotations.OfType<CommandLineArgsAnnotation>().LastOrDefault()?.Args ?? [];
        switch (Resource)
        {
            case ProjectResource project:
                var dotnet = FindDotNet();
                if (!File.Exists(project.TargetPath))
                {
                    return (dotnet, [], "", $"{project.TargetPath} not found: build first (dotnet build AppHost, or run without --no-build)");
                }

                return (dotnet, [project.TargetPath, .. args], Path.GetDirectoryName(project.ProjectPath)!, null);
            case ExecutableResource executable:
                var program = GuardedProcess.FindExecutable(executable.Command);
                return program is null
                    ? (executable.Command, [], "", $"'{executable.Command}' not found in PATH: install it or give its full path")
                    : (program, args, executable.WorkingDirectory, null);
            default:
                return null;
        }
    }

    private static string FindDotNet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : GuardedProcess.FindExecutable("dotnet")
              ?? Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "dotnet");

    private async Task<(Dictionary<string, string?> Environment, IReadOnlyDictionary<string, string> Shown)> BuildEnvironmentAsync(int replica, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        var shown = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (ClearedNames.Contains(key) || ClearedPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                environment[key] = null;
            }
        }

        void Set(string key, string value, bool secret)
        {
            environment[key] = value;
            shown[key] = RunContext.Mask(value, secret);
        }

        if (Resource is ProjectResource)
        {
            var urls = string.Join(';', Endpoints.Select(e => $"{e.Scheme}://127.0.0.1:{e.AllocatedPorts[replica]}"));
            Set("ASPNETCORE_URLS", urls, false);
            var environmentName = context.Configuration["AppHost:ServiceEnvironment"] ?? "Development";
            Set("ASPNETCORE_ENVIRONMENT", environmentName, false);
            Set("DOTNET_ENVIRONMENT", environmentName, false);
            Set("OTEL_SERVICE_NAME", Resource.Name, false);
            Set("OTEL_RESOURCE_ATTRIBUTES", $"service.instance.id={Resource.Name}-{replica}", false);
            Set("OTEL_EXPORTER_OTLP_PROTOCOL", context.Configuration["Dashboard:OtlpProtocol"] ?? "grpc", false);
            var otlp = context.Configuration["Dashboard:OtlpEndpoint"] ?? context.Configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"];
            if (!string.IsNullOrEmpty(otlp))
            {
                Set("OTEL_EXPORTER_OTLP_ENDPOINT", otlp, false);
                Set("OTEL_BSP_SCHEDULE_DELAY", "1000", false);
                Set("OTEL_BLRP_SCHEDULE_DELAY", "1000", false);
                Set("OTEL_METRIC_EXPORT_INTERVAL", "1000", false);
            }

            Set("DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION", "false", false);
            Set("Logging__Console__FormatterName", "simple", false);
            Set("Logging__Console__FormatterOptions__SingleLine", "true", false);
        }

        foreach (var endpoint in Endpoints.Where(e => e.PortEnvironmentVariable is not null))
        {
            Set(endpoint.PortEnvironmentVariable!, endpoint.AllocatedPorts[replica].ToString(CultureInfo.InvariantCulture), false);
        }

        foreach (var reference in Resource.Annotations.OfType<ServiceReferenceAnnotation>())
        {
            foreach (var endpoint in reference.Resource.Annotations.OfType<EndpointAnnotation>())
            {
                foreach (var (url, index) in endpoint.Urls.Select((u, i) => (u, i)))
                {
                    Set($"services__{reference.Resource.Name}__{endpoint.Name}__{index}", url, false);
                }
            }
        }

        foreach (var variable in Resource.Annotations.OfType<EnvironmentAnnotation>())
        {
            Set(variable.Name, await variable.Value.ResolveAsync(cancellationToken).ConfigureAwait(false), variable.Value.IsSecret);
        }

        return (environment, shown);
    }
}
