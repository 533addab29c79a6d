using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlagService.Tests;

/// <summary>
/// A FlagService in process (WebApplicationFactory) over its own copy of a flag file in a temporary
/// directory, deleted on dispose. One per test, so tests never share flags.
/// </summary>
public sealed class FlagServiceHost : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-7f3a";

    private readonly WebApplicationFactory<Program> _root;
    private readonly WebApplicationFactory<Program> _factory;
    private string? _rootDirectory;

    private FlagServiceHost(string directory, string? adminToken, string? defaultsFile = null)
    {
        Directory = directory;
        FlagFile = Path.Combine(directory, "flags.flagd.json");
        DefaultsFile = defaultsFile;
        AuditFile = Path.Combine(directory, "flags.flagd.audit.jsonl");
        _root = new WebApplicationFactory<Program>();
        _factory = _root.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Flags:File", FlagFile);
            builder.UseSetting("Flags:AdminToken", adminToken ?? "");
            builder.UseSetting("Flags:PollInterval", "00:00:00.500");
            if (defaultsFile is not null)
            {
                builder.UseSetting("Flags:DefaultsFile", defaultsFile);
            }

            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs)));
        });
    }

    public string Directory { get; }

    /// <summary>Every log message the service wrote ("Category: message").</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    public string FlagFile { get; }

    /// <summary>The <c>Flags:DefaultsFile</c> of this host, if any.</summary>
    public string? DefaultsFile { get; }

    public string AuditFile { get; }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The shipped demo flag file.</summary>
    public static string DemoFlags => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "flags", "demo.flagd.json"));

    /// <summary>Writes <paramref name="flagsJson"/> to a new directory and starts FlagService on it.</summary>
    public static FlagServiceHost Start(string? flagsJson = null, string? adminToken = AdminToken)
    {
        var host = Create(flagsJson, adminToken);
        try
        {
            host.Client = host._factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            return host;
        }
        catch
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Writes the file but does not start the service (to test a failing start).</summary>
    public static FlagServiceHost Create(string? flagsJson = null, string? adminToken = AdminToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "flagservice-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var host = new FlagServiceHost(directory, adminToken);
        File.WriteAllText(host.FlagFile, flagsJson ?? DemoFlags);
        return host;
    }

    /// <summary>
    /// Writes <paramref name="defaultsJson"/> as the defaults file (<c>Flags:DefaultsFile</c>) and
    /// <paramref name="copyJson"/> as the working copy (<c>Flags:File</c>; null = no copy yet), but does
    /// not start the service.
    /// </summary>
    public static FlagServiceHost CreateWithDefaults(string defaultsJson, string? copyJson)
    {
        var directory = Path.Combine(Path.GetTempPath(), "flagservice-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var defaultsFile = Path.Combine(directory, "defaults", "demo.flagd.json");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(defaultsFile)!);
        File.WriteAllText(defaultsFile, defaultsJson);
        var host = new FlagServiceHost(Path.Combine(directory, "data"), AdminToken, defaultsFile);
        if (copyJson is not null)
        {
            System.IO.Directory.CreateDirectory(host.Directory);
            File.WriteAllText(host.FlagFile, copyJson);
        }

        host._rootDirectory = directory;
        return host;
    }

    /// <summary>Creates the client (the service starts on first use).</summary>
    public void CreateClient() => Client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Starts the service (throws what the startup throws).</summary>
    public void StartServer() => _ = _factory.Server;

    /// <summary>A request with the admin token.</summary>
    public HttpRequestMessage Authorized(HttpMethod method, string uri, HttpContent? content = null, string token = AdminToken) => new(method, uri)
    {
        Content = content,
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_rootDirectory ?? Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}
