namespace FlagService.Infrastructure;

/// <summary>
/// Replaces a file's content in one step: the text goes to a temporary file in the same directory,
/// which is then renamed over the target (atomic on one file system), so a reader (FlagService's own
/// watcher, an editor, a crash) sees the old file or the new one, never half of one.
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(text.AsMemory(), cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
