using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestration;

/// <summary>What every runner shares: notifications, logs, configuration, the data directory.</summary>
internal sealed partial class RunContext(
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IConfiguration configuration,
    DistributedApplicationOptions options,
    string dataDirectory)
{
    public ResourceNotificationService Notifications { get; } = notifications;

    public ResourceLoggerService Logs { get; } = logs;

    public IConfiguration Configuration { get; } = configuration;

    public DistributedApplicationOptions Options { get; } = options;

    public string DataDirectory { get; } = dataDirectory;

    /// <summary>Health probes go straight to loopback, never through an HTTP proxy from the environment.</summary>
    public HttpClient HealthClient { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>Connection string given in configuration: the resource already exists and is not started.</summary>
    public string? ExistingConnectionString(IResource resource) =>
        Configuration.GetConnectionString(resource.Name) is { Length: > 0 } value ? value : null;

    public void Publish(IResource resource, Func<ResourceSnapshot, ResourceSnapshot> update) =>
        Notifications.Publish(resource.Name, update);

    public void Log(IResource resource, string text, bool isError = false) =>
        Logs.Write(resource.Name, new LogLine(DateTimeOffset.UtcNow, 0, isError, text));

    /// <summary>Masks secrets: a secret value entirely, a password inside a connection string.</summary>
    public static string Mask(string value, bool isSecret) =>
        isSecret ? "******" : PasswordPattern().Replace(value, "$1******");

    [GeneratedRegex("((?:password|pwd)\\s*=\\s*)[^;,]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPattern();
}

/// <summary>Starts and stops one resource, publishing its states.</summary>
internal interface IResourceRunner
{
    IResource Resource { get; }

    /// <summary>Starts; returns once running (or failed, which is published, not thrown).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops gracefully (then kills), publishing <c>Stopping</c> then <c>Exited</c>.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
