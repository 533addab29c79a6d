namespace Platform.Hosting.LocalServers;

/// <summary>Unix permissions for the files that hold secrets and for directories another user must enter.</summary>
internal static class FilePermissions
{
    /// <summary>0600: a password or a config file with one in it.</summary>
    public static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Adds search (x) for group and others, so the <c>postgres</c> user can reach its cluster below.</summary>
    public static void AllowTraversal(string directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
