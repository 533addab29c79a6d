using System.Diagnostics;
using System.Text.RegularExpressions;
using EndToEnd.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EndToEnd.Tests.Model;

/// <summary>
/// Five starts of the AppHost's model in a row, as a developer restarts it all day: each must bring every
/// resource to healthy. A start once failed when a port chosen as free was taken before a service bound
/// it, and everything waiting for that service failed with it. Aspire.Hosting.Testing starts the same
/// model as <c>dotnet run --project AppHost</c> (same resources, same launch of the services from their
/// build output, same port choices), with random public ports so it can run beside a user's Platform.
/// </summary>
[Collection(WholeSystem.Name)]
public sealed partial class RepeatedStartTests(ITestOutputHelper output) : IDisposable
{
    // Five, not the ten it once made: each start costs ~26 s of both cores and the CI run must stay well under
    // 30 min. A race at start still gets five chances a run to show, and every other class starts the model too.
    private const int Starts = 5;

    // One start takes seconds on a quiet 2-core machine; three minutes is for a loaded one (bounds the test at 15).
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    // One data directory for all: the first start creates the database, the others find it (a user's days).
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "platform-starts-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => LocalData.Delete(_dataDirectory);

    /// <summary>
    /// Every resource healthy, every time; and the first start, on empty data, writes no error line in any
    /// service's console (the dashboard shows those in red: Accounting's migration once did). Later starts
    /// are not held to that: on a machine loaded far beyond its cores a Redis handshake can time out once and
    /// be retried, which the client rightly reports as an error.
    /// </summary>
    [Fact]
    public async Task Five_starts_in_a_row_each_bring_every_resource_healthy_and_the_first_writes_no_error()
    {
        for (var start = 1; start <= Starts; start++)
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"--LocalServers:DataDirectory={_dataDirectory}", "--LoadGenerator:Enabled=false"]);
            await using var app = await builder.BuildAsync();
            var clock = Stopwatch.StartNew();

            try
            {
                await app.StartHealthyAsync(StartTimeout);
            }
            catch (InvalidOperationException failed)
            {
                Assert.Fail($"Start {start} of {Starts}: {failed.Message}");
            }

            output.WriteLine($"start {start}: every resource healthy after {clock.Elapsed.TotalSeconds:F1} s");
            Assert.All(app.ResourceNames(), name =>
            {
                Assert.True(app.ResourceNotifications.TryGetCurrentState(name, out var state));
                Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
            });
            if (start == 1)
            {
                var errors = await ServiceErrorLinesAsync(app);
                Assert.True(errors.Count == 0, $"The first start, on empty data, wrote errors:\n{string.Join('\n', errors)}");
            }
        }
    }

    /// <summary>
    /// Written to standard error, or an Error/Critical entry of the console logger ("fail:"/"crit:", maybe in
    /// colour). A service that is not ready yet (Accounting migrating) logs a Warning, not an Error: the
    /// dashboard would count it in red on every start.
    /// </summary>
    private static bool IsError(LogLine line)
    {
        var content = AnsiEscape().Replace(line.Content, "");
        return line.IsErrorMessage || ErrorEntry().IsMatch(content);
    }

    [GeneratedRegex(@"(^|\s)(fail|crit): ")]
    private static partial Regex ErrorEntry();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    private static async Task<List<string>> ServiceErrorLinesAsync(DistributedApplication app)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var errors = new List<string>();
        foreach (var service in app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>())
        {
            // By resource, not by name: a service's console log is kept under its DCP instance name (accounting-xyz).
            var lines = new List<LogLine>();
            await foreach (var batch in logs.GetAllAsync(service))
            {
                lines.AddRange(batch);
            }
            Assert.True(lines.Count > 0, $"no console output of {service.Name} to look into");
            errors.AddRange(lines.Where(IsError).Select(line => $"{service.Name}: {line.Content}"));
        }
        return errors;
    }
}
