using System.Text.Json;
using System.Text.Json.Nodes;
using FlagService.Model;
using Microsoft.Extensions.Options;

namespace FlagService.Infrastructure;

/// <summary>What happened to a request to change a flag's default variant.</summary>
public enum ChangeStatus
{
    Changed,
    Unchanged,
    FlagNotFound,
    UnknownVariant,
}

/// <summary>The result of <see cref="FlagFileStore.SetDefaultVariantAsync"/>.</summary>
public sealed record ChangeResult(ChangeStatus Status, FlagDefinition? Flag, string? OldVariant = null);

/// <summary>
/// Holds the flags in force and is the only writer of the flag file. Reads are lock-free (an immutable
/// <see cref="FlagSet"/> swapped atomically); reloads and changes are serialized. A file that fails to
/// load is rejected and the last good flags stay. A change is written to a temporary file in the same
/// directory and renamed over the flag file (atomic on one file system), then audited and applied (in that order, so whoever sees a change finds its audit entry).
/// </summary>
public sealed class FlagFileStore(IOptions<FlagsOptions> options, AuditLog audit, TimeProvider time, ILogger<FlagFileStore> logger)
{
    internal static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile FlagSet _current = FlagSet.Empty;
    private string? _lastSeenHash;

    public string FilePath { get; } = options.Value.ResolveFilePath();

    /// <summary>The flags in force.</summary>
    public FlagSet Current => _current;

    /// <summary>Why the file on disk was last rejected, while it still is (null when the file in force is the file on disk).</summary>
    public string? Rejection { get; private set; }

    /// <summary>Loads the file at startup.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or invalid; the message names the file and the reason.</exception>
    public void LoadInitial()
    {
        _gate.Wait();
        try
        {
            string text;
            try
            {
                text = File.ReadAllText(FilePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Flag file '{FilePath}' (Flags:File) cannot be read: {e.Message}", e);
            }

            try
            {
                _current = FlagFileParser.Parse(text);
                _lastSeenHash = _current.ContentHash;
            }
            catch (FlagFileException e)
            {
                throw new InvalidOperationException($"Flag file '{FilePath}' (Flags:File) is invalid: {e.Message}", e);
            }

            Log.FlagFileLoaded(logger, _current.Flags.Count, FilePath);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the file's content if it changed and is valid; returns true when new flags were applied.</summary>
    public bool ReloadFromDisk()
    {
        _gate.Wait();
        try
        {
            return ReloadCore();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Switches a flag's default variant in memory and in the file, and audits the change.</summary>
    /// <exception cref="IOException">The flag file cannot be written; nothing changed.</exception>
    public async Task<ChangeResult> SetDefaultVariantAsync(string key, string variant, string who, string via, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ReloadCore(); // an edit on disk that the watcher has not seen yet must not be overwritten
            var current = _current;
            if (!current.Flags.TryGetValue(key, out var flag))
            {
                return new ChangeResult(ChangeStatus.FlagNotFound, null);
            }

            if (!flag.Variants.ContainsKey(variant))
            {
                return new ChangeResult(ChangeStatus.UnknownVariant, flag);
            }

            if (flag.DefaultVariant == variant)
            {
                return new ChangeResult(ChangeStatus.Unchanged, flag, variant);
            }

            var document = (JsonObject)current.Document.DeepClone();
            document["flags"]![key]!["defaultVariant"] = variant;
            var text = document.ToJsonString(WriteOptions) + "\n";
            var updated = FlagFileParser.Parse(text);
            try
            {
                await AtomicFile.WriteAsync(FilePath, text, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.FlagFileWriteFailed(logger, FilePath, e);
                throw new IOException($"The flag file '{FilePath}' cannot be written: {e.Message}", e);
            }

            Record(key, "defaultVariant", flag.DefaultVariant, variant, who, via); // before it is served, as in a reload
            _current = updated;
            _lastSeenHash = updated.ContentHash;
            Rejection = null;
            return new ChangeResult(ChangeStatus.Changed, updated.Flags[key], flag.DefaultVariant);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool ReloadCore()
    {
        string text;
        try
        {
            text = File.ReadAllText(FilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Editors delete and recreate files: a missing file is a moment, not a change.
            Log.FlagFileUnreadable(logger, FilePath, e.Message);
            return false;
        }

        FlagSet next;
        try
        {
            next = FlagFileParser.Parse(text);
        }
        catch (FlagFileException e)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
            if (hash != _lastSeenHash)
            {
                Log.FlagFileRejected(logger, FilePath, e.Message);
                _lastSeenHash = hash;
                Rejection = e.Message;
            }

            return false;
        }

        Rejection = null;
        if (next.ContentHash == _lastSeenHash && next.ContentHash == _current.ContentHash)
        {
            return false;
        }

        // Audit first, then serve: a reader who sees the new flags must find their audit entries (the other
        // order let a client read the new variant and an audit without it).
        var previous = _current;
        foreach (var (key, flag) in next.Flags)
        {
            previous.Flags.TryGetValue(key, out var old);
            if (old?.DefaultVariant != flag.DefaultVariant)
            {
                Record(key, "defaultVariant", old?.DefaultVariant, flag.DefaultVariant, "file", "file");
            }

            if (old is not null && old.State != flag.State)
            {
                Record(key, "state", old.State.ToString().ToUpperInvariant(), flag.State.ToString().ToUpperInvariant(), "file", "file");
            }
        }

        foreach (var key in previous.Flags.Keys.Where(k => !next.Flags.ContainsKey(k)))
        {
            Record(key, "removed", previous.Flags[key].DefaultVariant, null, "file", "file");
        }

        _current = next;
        _lastSeenHash = next.ContentHash;
        Log.FlagFileLoaded(logger, next.Flags.Count, FilePath);
        return true;
    }

    private void Record(string key, string change, string? oldValue, string? newValue, string who, string via)
    {
        Log.FlagChanged(logger, key, change, oldValue, newValue, who, via);
        audit.Append(new AuditEntry(time.GetUtcNow(), key, change, oldValue, newValue, who, via));
    }
}
