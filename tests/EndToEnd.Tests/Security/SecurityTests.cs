using System.Net;
using System.Text;
using EndToEnd.Tests.Model;
using EndToEnd.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EndToEnd.Tests.Security;

/// <summary>
/// What a whole running Platform exposes: the sockets it listens on, and where its generated secrets (the
/// database password, the Redis password, the flags admin token) could show up: logs, command lines, and
/// the resource state the dashboard displays.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class SecurityTests(PlatformFixture platform)
{
    private static readonly string[] SecretParameters = [$"{ResourceNames.Postgres}-password", $"{ResourceNames.Redis}-password", ResourceNames.FlagsAdminToken];

    // The processes that must be listening for the check to mean anything: the servers and every service.
    private static readonly string[] ExpectedListeners = ["postgres", "redis-server", "dcp", "FlagService", "Cart", "Checkout", "Frontend", "Payment", "Accounting", "ProductCatalog"];

    [Fact]
    public void Every_listening_socket_of_the_platform_is_on_loopback()
    {
        // With Aspire.Hosting.Testing this test process is the AppHost (and hosts the Kafka mock cluster).
        var sockets = ListeningSockets.Of(ProcessTree.StartedBy(Environment.ProcessId));

        var listeners = sockets.Select(s => s.Process).ToHashSet(StringComparer.Ordinal);
        Assert.All(ExpectedListeners, name => Assert.True(listeners.Contains(name), $"{name} listens nowhere; sockets:\n{string.Join('\n', sockets)}"));
        Assert.All(sockets, s => Assert.True(IPAddress.IsLoopback(s.Address), $"not on loopback: {s}"));
    }

    [Fact]
    public async Task No_secret_is_in_any_log_line_or_command_line_of_a_purchase()
    {
        var secrets = await SecretsAsync();
        await PurchaseAsync();
        // A bad admin token, so FlagService's refusal path logs too.
        using (var flags = platform.App.CreateHttpClient(ResourceNames.FlagService))
        {
            using var refused = await flags.PutAsync("/api/flags/cartFailure", new StringContent("{\"defaultVariant\":\"on\"}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        await Task.Delay(TimeSpan.FromSeconds(6)); // the services' OTLP log exporters send every 5 s (batch delay)

        var consoleLines = await ConsoleLinesAsync();
        var logExports = platform.Telemetry.LogExports;
        Assert.NotEmpty(consoleLines);
        Assert.NotEmpty(logExports);
        foreach (var (name, value) in secrets)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Assert.DoesNotContain(consoleLines, line => line.Contains(value, StringComparison.Ordinal));
            Assert.False(logExports.Any(export => export.AsSpan().IndexOf(bytes) >= 0), $"{name} is in a structured log record");
            Assert.False(CommandLines().Any(c => c.Contains(value, StringComparison.Ordinal)), $"{name} is in a command line");
        }
    }

    [Fact]
    public async Task The_dashboard_gets_secrets_only_masked()
    {
        var secrets = await SecretsAsync();

        // The dashboard shows what the resource snapshots hold: properties in clear unless marked sensitive,
        // environment variables masked until a user reveals them one by one.
        foreach (var name in platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => r.Name))
        {
            Assert.True(platform.App.ResourceNotifications.TryGetCurrentState(name, out var state), name);
            foreach (var property in state.Snapshot.Properties.Where(p => !p.IsSensitive))
            {
                var text = property.Value?.ToString() ?? "";
                Assert.False(secrets.Any(s => text.Contains(s.Value, StringComparison.Ordinal)), $"{name}'s property {property.Name} shows a secret");
            }
            foreach (var url in state.Snapshot.Urls)
            {
                Assert.False(secrets.Any(s => url.Url.Contains(s.Value, StringComparison.Ordinal)), $"{name}'s URL {url.Name} holds a secret");
            }
        }
    }

    private async Task<List<(string Name, string Value)>> SecretsAsync()
    {
        var secrets = new List<(string, string)>();
        foreach (var name in SecretParameters)
        {
            var value = await platform.App.GetPasswordAsync(name);
            Assert.True(value.Length >= 16, $"{name} is too short to be a generated secret");
            secrets.Add((name, value));
        }
        return secrets;
    }

    private async Task PurchaseAsync()
    {
        using var shop = platform.Shop();
        var userId = $"e2e-{Guid.NewGuid():N}";
        await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);
        using var checkout = await shop.CheckoutAsync(userId);
        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
    }

    /// <summary>Every console line of every resource (the dashboard's console logs), hidden ones included.</summary>
    private async Task<List<string>> ConsoleLinesAsync()
    {
        var logs = platform.App.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<string>();
        foreach (var resource in platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            await foreach (var batch in logs.GetAllAsync(resource.Name))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        return lines;
    }

    private static IEnumerable<string> CommandLines() =>
        Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? ProcessTree.CommandLineOf(pid) : "");
}
