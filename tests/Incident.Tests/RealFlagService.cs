extern alias flagservice;

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Testing.Servers;

namespace Incident.Tests;

/// <summary>
/// The real FlagService listening with Kestrel on a free loopback port (the tool makes real HTTP calls), over its
/// own copy of the shipped flag file in a temporary directory. One per test class instance, so tests never share flags.
/// </summary>
public sealed class RealFlagService : IAsyncDisposable
{
    public const string AdminToken = "incident-tests-token-41c2";

    private readonly WebApplicationFactory<flagservice::Program> _factory;
    private readonly string _directory;

    public RealFlagService()
    {
        _directory = Path.Combine(Path.GetTempPath(), "incident-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var flagFile = Path.Combine(_directory, "flags.flagd.json");
        File.Copy(DemoFlagFile, flagFile);
        var port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{port}");
        _factory = new WebApplicationFactory<flagservice::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Flags:File", flagFile);
            builder.UseSetting("Flags:AdminToken", AdminToken);
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        Client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The shipped demo flag file (copied to the test output with FlagService).</summary>
    public static string DemoFlagFile => Path.Combine(AppContext.BaseDirectory, "flags", "demo.flagd.json");

    public Uri Url { get; }

    /// <summary>A plain client of the service, to check what the tool did.</summary>
    public HttpClient Client { get; }

    /// <summary>The current default variant of <paramref name="key"/>, read from FlagService's admin API.</summary>
    public async Task<string?> VariantOf(string key)
    {
        var flags = await Client.GetFromJsonAsync<List<FlagRow>>("/api/flags");
        return flags!.Single(f => f.Key == key).DefaultVariant;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record FlagRow(string Key, string? DefaultVariant);
}
