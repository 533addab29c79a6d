using System.Text;

namespace Platform.Deploy.Output;

/// <summary>
/// The files of one output tree, by path relative to its root (with '/'), written all at once.
/// Writing removes the files of the previous generation that are not generated any more.
/// </summary>
internal sealed class GeneratedFiles
{
    private readonly SortedDictionary<string, string> files = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Files => files;

    public void Add(string path, string content)
    {
        if (!files.TryAdd(path, content))
        {
            throw new InvalidOperationException($"{path} is generated twice.");
        }
    }

    /// <summary>
    /// Writes every file under <paramref name="root"/> (UTF-8, no BOM, LF). Only the folders the
    /// generator owns (<paramref name="ownedFolders"/>) are emptied first; other files, such as a
    /// README, stay.
    /// </summary>
    public void WriteTo(string root, IEnumerable<string> ownedFolders)
    {
        foreach (var folder in ownedFolders)
        {
            var path = Path.Combine(root, folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }
}
