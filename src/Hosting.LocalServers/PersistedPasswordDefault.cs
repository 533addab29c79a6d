using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

namespace Platform.Hosting.LocalServers;

/// <summary>
/// A generated password kept beside the data it protects (mode 0600), so a server whose data is
/// kept starts again with the same credentials, and wiping the data directory renews both.
/// Run mode only: in publish mode the data stores are Aspire's containers with generated inputs.
/// </summary>
internal sealed class PersistedPasswordDefault(string path) : ParameterDefault
{
    private readonly Lazy<string> _value = new(() => ReadOrCreate(path));

    public override string GetDefaultValue() => _value.Value;

    public override void WriteToManifest(ManifestPublishingContext context) =>
        throw new InvalidOperationException("A local server's password is never published; publish mode uses generated parameter inputs.");

    private static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        // Letters and digits only: it goes into connection strings and config files unquoted.
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, password);
        FilePermissions.OwnerOnly(path);
        return password;
    }
}
