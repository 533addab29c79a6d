using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Platform.Email.Infrastructure;

/// <summary>
/// The <c>emailMemoryLeak</c> incident: with factor N, each confirmation leaves N fresh copies of its
/// HTML held here (distinct strings, so the runtime cannot share them), and the process's memory grows
/// by about N × the confirmation's size per order (<c>process.memory.usage</c>, <c>dotnet.gc.heap.total_allocated</c>
/// and the GC heap size show it). With the flag off, the next confirmation lets every copy go, so the
/// symptom clears after a collection. Held bytes never exceed <see cref="EmailOptions.MaxRetainedBytes"/>.
/// </summary>
public sealed class ConfirmationLeak
{
    public const string MeterName = "Platform.Email";

    private readonly List<string> _retained = [];
    private readonly Lock _gate = new();
    private readonly long _maxBytes;
    private long _bytes;

    public ConfirmationLeak(IOptions<EmailOptions> options, IMeterFactory meterFactory)
    {
        _maxBytes = options.Value.MaxRetainedBytes;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("app.email.leaked.bytes", () => Interlocked.Read(ref _bytes), "By",
            "Bytes of confirmation copies held by emailMemoryLeak.");
    }

    /// <summary>Bytes held now (UTF-16, two per character).</summary>
    public long RetainedBytes => Interlocked.Read(ref _bytes);

    /// <summary>Keeps <paramref name="factor"/> copies of <paramref name="html"/>; a factor ≤ 0 releases every copy.</summary>
    public void Apply(string html, long factor)
    {
        lock (_gate)
        {
            if (factor <= 0)
            {
                _retained.Clear();
                _retained.TrimExcess();
                Interlocked.Exchange(ref _bytes, 0);
                return;
            }

            var size = (long)html.Length * sizeof(char);
            for (long i = 0; i < factor && _bytes + size <= _maxBytes; i++)
            {
                _retained.Add(new string(html.AsSpan()));
                Interlocked.Add(ref _bytes, size);
            }
        }
    }
}
