namespace Platform.Incident.Infrastructure;

/// <summary>
/// Where the admin token comes from, first match wins: the environment variable <c>Flags__AdminToken</c> (the name
/// FlagService reads), the file given by <c>--token-file</c>, or the secret the AppHost generated for local runs,
/// <c>.apphost/secrets/flags-admin-token</c>, looked for from the working directory upwards.
/// </summary>
internal static class AdminToken
{
    public const string EnvironmentVariable = "Flags__AdminToken";
    public const string AppHostSecret = ".apphost/secrets/flags-admin-token";

    public static string Read(Func<string, string?> environment, string? tokenFile, string workingDirectory)
    {
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment.Trim();
        }
        if (tokenFile is not null)
        {
            return File.Exists(tokenFile)
                ? ReadFile(tokenFile)
                : throw new IncidentException($"The token file {tokenFile} (--token-file) does not exist.");
        }
        for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, AppHostSecret);
            if (File.Exists(candidate))
            {
                return ReadFile(candidate);
            }
        }
        throw new IncidentException(
            $"No admin token: set {EnvironmentVariable}, pass --token-file, or run from the repository after the AppHost has run once " +
            $"(it writes {AppHostSecret}).");
    }

    private static string ReadFile(string path) =>
        File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : throw new IncidentException($"The token file {path} is empty.");
}
