using System.Collections.Concurrent;

namespace Platform.Hosting.Orchestration;

/// <summary>One line a resource wrote.</summary>
/// <param name="Timestamp">When it was read.</param>
/// <param name="Replica">Replica index (0 for single-process resources).</param>
/// <param name="IsError">True for stderr.</param>
/// <param name="Text">The line.</param>
public sealed record LogLine(DateTimeOffset Timestamp, int Replica, bool IsError, string Text);

/// <summary>The console output of every resource, kept in a ring buffer per resource.</summary>
public sealed class ResourceLoggerService(int capacity = 2000)
{
    private readonly ConcurrentDictionary<string, RingBuffer> _buffers = new(StringComparer.Ordinal);

    /// <summary>Raised for every line (resource name, line).</summary>
    public event Action<string, LogLine>? LineWritten;

    /// <summary>Records a line.</summary>
    public void Write(string resource, LogLine line)
    {
        _buffers.GetOrAdd(resource, _ => new RingBuffer(capacity)).Add(line);
        LineWritten?.Invoke(resource, line);
    }

    /// <summary>The last <paramref name="count"/> lines of a resource (all kept lines by default).</summary>
    public IReadOnlyList<LogLine> GetLines(string resource, int? count = null) =>
        _buffers.TryGetValue(resource, out var buffer) ? buffer.Tail(count ?? capacity) : [];

    private sealed class RingBuffer(int capacity)
    {
        private readonly Queue<LogLine> _lines = new();
        private readonly Lock _gate = new();

        public void Add(LogLine line)
        {
            lock (_gate)
            {
                if (_lines.Count == capacity)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue(line);
            }
        }

        public IReadOnlyList<LogLine> Tail(int count)
        {
            lock (_gate)
            {
                return [.. _lines.Skip(Math.Max(0, _lines.Count - count))];
            }
        }
    }
}
