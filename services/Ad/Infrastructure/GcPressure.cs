using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Platform.Ad.Infrastructure;

/// <summary>
/// The <c>adManualGc</c> incident: per request, builds <see cref="AdOptions.ManualGcPressureBytes"/> of small
/// live objects, then forces <see cref="AdOptions.ManualGcCollections"/> full blocking compacting collections
/// (gen2) while they are alive, so each has a heap to mark and move: <c>dotnet.gc.collections{gc.heap.generation=gen2}</c>,
/// <c>dotnet.gc.pause.time</c> and the request's latency rise (counter <c>app.ad.gc.forced</c>). One request
/// at a time does it, so the memory held stays one request's worth.
/// </summary>
public sealed class GcPressure(IOptions<AdOptions> options, AdTelemetry telemetry)
{
    private const int ChunkBytes = 16 * 1024; // under the large object threshold: small objects to compact
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Builds the pressure and forces the collections; returns the time spent.</summary>
    public async Task<TimeSpan> ApplyAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var chunks = new List<byte[]>((int)(options.Value.ManualGcPressureBytes / ChunkBytes) + 1);
            for (long built = 0; built < options.Value.ManualGcPressureBytes; built += ChunkBytes)
            {
                var chunk = new byte[ChunkBytes];
                chunk[0] = 1;
                chunks.Add(chunk);
                // Drop every other chunk: holes for the compacting collection to close.
                if (chunks.Count % 2 == 0) chunks[^2] = null!;
            }

            var collections = options.Value.ManualGcCollections;
            for (var i = 0; i < collections; i++)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            GC.KeepAlive(chunks);
            telemetry.ForcedCollections(collections);
            return Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            _one.Release();
        }
    }
}
