namespace EndToEnd.Tests.Model;

/// <summary>The repository the tests run from (where Platform.sln is).</summary>
public static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string directory) =>
        File.Exists(Path.Combine(directory, "Platform.sln"))
            ? directory
            : Find(Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("Platform.sln not found above the test's directory."));
}
