namespace EndToEnd.Tests.Support;

/// <summary>The private data directories the tests give the AppHost's local servers.</summary>
public static class LocalData
{
    public static void Delete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A server that is still stopping may hold a file for a moment; the directory is in /tmp.
        }
    }
}
