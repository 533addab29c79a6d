using System.Text.Json;
using FlagService.Model;
using Microsoft.Extensions.Options;

namespace FlagService.Infrastructure;

/// <summary>The audit trail of flag changes: one JSON object per line, appended, never rewritten.</summary>
public sealed class AuditLog(IOptions<FlagsOptions> options, ILogger<AuditLog> logger)
{
    private readonly Lock _lock = new();

    public string FilePath { get; } = options.Value.ResolveAuditLogPath();

    /// <summary>Appends an entry (a failure to write is logged, never thrown: the change itself stands).</summary>
    public void Append(AuditEntry entry)
    {
        var line = JsonSerializer.Serialize(entry, JsonSerializerOptions.Web) + "\n";
        lock (_lock)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                File.AppendAllText(FilePath, line);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.AuditWriteFailed(logger, FilePath, e);
            }
        }
    }

    /// <summary>The most recent entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int count)
    {
        lock (_lock)
        {
            if (!File.Exists(FilePath))
            {
                return [];
            }

            var entries = new List<AuditEntry>();
            foreach (var line in File.ReadLines(FilePath).Reverse())
            {
                if (entries.Count >= count)
                {
                    break;
                }

                try
                {
                    if (!string.IsNullOrWhiteSpace(line) && JsonSerializer.Deserialize<AuditEntry>(line, JsonSerializerOptions.Web) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }
                catch (JsonException)
                {
                    // A damaged line (e.g. a crash mid-append) is skipped, not fatal.
                }
            }

            return entries;
        }
    }
}
