using System.Text.Json.Nodes;
using FlagService.Model;
using Microsoft.Extensions.Options;

namespace FlagService.Infrastructure;

/// <summary>
/// Keeps a working copy of the flag file (<see cref="FlagsOptions.File"/>, e.g. in the AppHost's data
/// directory) up to date with the shipped defaults (<see cref="FlagsOptions.DefaultsFile"/>) without
/// ever undoing an operator's change: a missing copy is created from the defaults; a flag of the
/// defaults that the copy lacks is added with the defaults' definition; every flag already in the copy,
/// its <c>defaultVariant</c> included, stays as it is, and so do flags the defaults no longer have.
/// Runs once at start, before the flags are loaded.
/// </summary>
public sealed class FlagFileDefaults(IOptions<FlagsOptions> options, AuditLog audit, TimeProvider time, ILogger<FlagFileDefaults> logger)
{
    /// <summary>Creates or completes the working copy; does nothing when no defaults file is configured.</summary>
    /// <exception cref="InvalidOperationException">
    /// The defaults file is missing or invalid, or the copy exists but is not a valid flag file (it is
    /// left untouched: an operator's broken edit is theirs to fix, not ours to overwrite). The message
    /// names the file and the reason.
    /// </exception>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var defaultsPath = options.Value.ResolveDefaultsFilePath();
        var copyPath = options.Value.ResolveFilePath();
        if (defaultsPath is null || string.Equals(defaultsPath, copyPath, StringComparison.Ordinal))
        {
            return;
        }

        var defaultsText = Read(defaultsPath, "Flags:DefaultsFile");
        var defaults = Parse(defaultsText, defaultsPath, "Flags:DefaultsFile");
        if (!File.Exists(copyPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copyPath)!);
            await WriteAsync(copyPath, defaultsText, cancellationToken);
            Log.FlagFileCreatedFromDefaults(logger, copyPath, defaultsPath, defaults.Flags.Count);
            return;
        }

        var copy = Parse(Read(copyPath, "Flags:File"), copyPath, "Flags:File");
        var extra = copy.Flags.Keys.Where(key => !defaults.Flags.ContainsKey(key)).ToList();
        if (extra.Count > 0)
        {
            Log.FlagsNotInDefaults(logger, string.Join(", ", extra), copyPath, defaultsPath);
        }

        var missing = defaults.Flags.Keys.Where(key => !copy.Flags.ContainsKey(key)).ToList();
        if (missing.Count == 0)
        {
            return; // nothing to add: the copy is not rewritten, so its formatting and comments stay
        }

        var merged = Merge(copy.Document, defaults.Document, missing);
        var text = merged.ToJsonString(FlagFileStore.WriteOptions) + "\n";
        var result = Parse(text, copyPath, "Flags:File (with the flags added from Flags:DefaultsFile)");
        await WriteAsync(copyPath, text, cancellationToken);
        Log.FlagsAddedFromDefaults(logger, string.Join(", ", missing), copyPath, defaultsPath);
        foreach (var key in missing)
        {
            audit.Append(new AuditEntry(time.GetUtcNow(), key, "added", null, result.Flags[key].DefaultVariant, "defaults", "defaults"));
        }
    }

    /// <summary>
    /// The copy with the missing flags appended (in the defaults' order) and the defaults' evaluators
    /// the copy lacks, so a new flag's <c>$ref</c> resolves; nothing of the copy is changed or removed.
    /// </summary>
    private static JsonObject Merge(JsonObject copyDocument, JsonObject defaultsDocument, IReadOnlyList<string> missing)
    {
        var merged = (JsonObject)copyDocument.DeepClone();
        var flags = (JsonObject)merged["flags"]!;
        var defaultFlags = (JsonObject)defaultsDocument["flags"]!;
        foreach (var key in missing)
        {
            flags[key] = defaultFlags[key]!.DeepClone();
        }

        if (defaultsDocument["$evaluators"] is JsonObject defaultEvaluators && defaultEvaluators.Count > 0)
        {
            if (merged["$evaluators"] is not JsonObject evaluators)
            {
                evaluators = [];
                merged["$evaluators"] = evaluators;
            }

            foreach (var (name, rule) in defaultEvaluators)
            {
                if (!evaluators.ContainsKey(name))
                {
                    evaluators[name] = rule?.DeepClone();
                }
            }
        }

        return merged;
    }

    private static string Read(string path, string setting)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Flag file '{path}' ({setting}) cannot be read: {e.Message}", e);
        }
    }

    private static FlagSet Parse(string text, string path, string setting)
    {
        try
        {
            return FlagFileParser.Parse(text);
        }
        catch (FlagFileException e)
        {
            throw new InvalidOperationException($"Flag file '{path}' ({setting}) is invalid: {e.Message}", e);
        }
    }

    private static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAsync(path, text, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Flag file '{path}' (Flags:File) cannot be written: {e.Message}", e);
        }
    }
}
