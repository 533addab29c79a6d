using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// The OTLP receiver the services export to, run as its own process on 127.0.0.1 like a collector
/// beside the services: bench/OtlpSink, or the Aspire dashboard's standalone binary (the one the
/// AppHost starts, found the way Aspire.Hosting finds it). Its CPU is measured like every other process.
/// </summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    private readonly Uri? _countsUri;

    private ReceiverProcess(ReceiverKind kind, Process process, Uri grpcEndpoint, Uri? countsUri)
    {
        Kind = kind;
        Process = process;
        GrpcEndpoint = grpcEndpoint;
        _countsUri = countsUri;
    }

    public ReceiverKind Kind { get; }

    public Process Process { get; }

    /// <summary>The OTLP/gRPC address given to the services (what Aspire gives them for the dashboard).</summary>
    public Uri GrpcEndpoint { get; }

    public static async Task<ReceiverProcess> StartAsync(ReceiverKind kind, CancellationToken cancellationToken) => kind switch
    {
        ReceiverKind.Sink => await StartSinkAsync(cancellationToken),
        _ => await StartDashboardAsync(cancellationToken),
    };

    /// <summary>What the sink counted so far (null for the dashboard, which does not say).</summary>
    public async Task<SinkCounts?> ReadCountsAsync(HttpClient http, CancellationToken cancellationToken) =>
        _countsUri is null ? null : await http.GetFromJsonAsync<SinkCounts>(_countsUri, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private static async Task<ReceiverProcess> StartSinkAsync(CancellationToken cancellationToken)
    {
        // bench/OtlpSink is built with this project (a ProjectReference), in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var sink = Path.Combine(RepositoryRoot(), "bench", "OtlpSink", "bin", configuration, "net10.0", "OtlpSink.dll");
        var start = new ProcessStartInfo("dotnet", [sink]) { RedirectStandardOutput = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {sink}.");
        Uri? grpc = null, http = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while ((grpc is null || http is null) && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("otlp-grpc ", StringComparison.Ordinal))
            {
                grpc = new Uri(line["otlp-grpc ".Length..]);
            }
            else if (line.StartsWith("otlp-http ", StringComparison.Ordinal))
            {
                http = new Uri(line["otlp-http ".Length..]);
            }
        }

        return grpc is not null && http is not null
            ? new ReceiverProcess(ReceiverKind.Sink, process, grpc, new Uri(http, "/counts"))
            : throw new InvalidOperationException("The OTLP sink did not print its addresses.");
    }

    private static async Task<ReceiverProcess> StartDashboardAsync(CancellationToken cancellationToken)
    {
        var dashboard = DashboardExecutable();
        var otlpPort = FreePort();
        var start = new ProcessStartInfo(dashboard) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlpPort}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["DASHBOARD__FRONTEND__AUTHMODE"] = "Unsecured";
        start.Environment["DASHBOARD__OTLP__AUTHMODE"] = "Unsecured";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dashboard}.");
        // Drain its console so it never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AcceptsAsync(otlpPort, cancellationToken))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The dashboard ({dashboard}) did not listen on OTLP port {otlpPort}.");
            }

            await Task.Delay(250, cancellationToken);
        }

        return new ReceiverProcess(ReceiverKind.Dashboard, process, new Uri($"http://127.0.0.1:{otlpPort}"), null);
    }

    /// <summary>The dashboard the AppHost would start: Aspire's build writes its path into the AppHost assembly.</summary>
    private static string DashboardExecutable()
    {
        var path = Assembly.Load("AppHost").GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key.Equals("aspiredashboardpath", StringComparison.OrdinalIgnoreCase))?.Value;
        if (path is null)
        {
            throw new InvalidOperationException("The AppHost assembly does not name the Aspire dashboard (aspiredashboardpath).");
        }

        return Directory.Exists(path) ? Path.Combine(path, "Aspire.Dashboard") : path;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the bench from the repository (Platform.sln not found above it).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The sink's <c>GET /counts</c>.</summary>
public sealed record SinkCounts(long Requests, long Bytes, long Spans, long MetricPoints, long LogRecords, IReadOnlyList<SinkServiceCount> Services)
{
    /// <summary>What arrived between two readings.</summary>
    public SinkCounts Since(SinkCounts? earlier) => earlier is null ? this : new(
        Requests - earlier.Requests, Bytes - earlier.Bytes, Spans - earlier.Spans, MetricPoints - earlier.MetricPoints, LogRecords - earlier.LogRecords,
        [.. Services.Select(s => s with { Count = s.Count - (earlier.Services.FirstOrDefault(e => e.Signal == s.Signal && e.Service == s.Service)?.Count ?? 0) })
            .Where(s => s.Count > 0)]);
}

public sealed record SinkServiceCount(string Signal, string Service, long Count);
