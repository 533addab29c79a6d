using System.Diagnostics;
using System.Net.Http.Json;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// The OTLP receiver the services export to in the <c>sink</c> phases, run as its own process on 127.0.0.1
/// like a collector beside the services: bench/OtlpSink. Its CPU is measured like every other process.
/// (The <c>dashboard</c> phases use the AppHost's own dashboard: see <see cref="PlatformUnderTest"/>.)
/// </summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    private readonly Uri? _countsUri;

    private ReceiverProcess(Process process, Uri grpcEndpoint, Uri? countsUri)
    {
        Process = process;
        GrpcEndpoint = grpcEndpoint;
        _countsUri = countsUri;
    }

    public Process Process { get; }

    /// <summary>The OTLP/gRPC address given to the services (what Aspire gives them for the dashboard).</summary>
    public Uri GrpcEndpoint { get; }

    public static Task<ReceiverProcess> StartAsync(CancellationToken cancellationToken) => StartSinkAsync(cancellationToken);

    /// <summary>What the sink counted so far.</summary>
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
            ? new ReceiverProcess(process, grpc, new Uri(http, "/counts"))
            : throw new InvalidOperationException("The OTLP sink did not print its addresses.");
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
