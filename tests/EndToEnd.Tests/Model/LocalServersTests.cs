using EndToEnd.Tests.Support;
using Npgsql;
using StackExchange.Redis;

namespace EndToEnd.Tests.Model;

/// <summary>
/// The AppHost's data stores in run mode, with no container engine: PostgreSQL and Redis from Debian's
/// servers under DCP, Kafka from librdkafka's mock cluster. Only the data stores of the model are
/// started here (the services are taken out of it).
/// </summary>
[Collection(WholeSystem.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // the local servers are Debian's
public sealed class LocalServersTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "platform-stores-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => LocalData.Delete(_dataDirectory);

    [Fact]
    public async Task Postgres_and_Redis_keep_their_data_across_runs_and_fresh_starts_empty()
    {
        // Arrange: a first run writes a row and a key.
        await using (var first = await StartDataStoresAsync())
        {
            await ExecuteAsync(first, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42);");
            await using var redis = await ConnectRedisAsync(first);
            await redis.GetDatabase().StringSetAsync("kept", "yes");
        }

        // Act and assert: a second run on the same data directory still has both...
        await using (var second = await StartDataStoresAsync())
        {
            Assert.Equal(42, await ScalarAsync(second, "SELECT id FROM kept"));
            await using var redis = await ConnectRedisAsync(second);
            Assert.Equal("yes", (string?)await redis.GetDatabase().StringGetAsync("kept"));
        }

        // ...and --fresh (LocalServers:Fresh) starts again from empty data.
        await using (var fresh = await StartDataStoresAsync("--LocalServers:Fresh=true"))
        {
            Assert.Null(await ScalarAsync(fresh, "SELECT to_regclass('kept')::text"));
            await using var redis = await ConnectRedisAsync(fresh);
            Assert.False(await redis.GetDatabase().KeyExistsAsync("kept"));
        }
    }

    [Fact]
    public async Task Secrets_stay_out_of_the_command_lines_and_their_files_are_private()
    {
        await using var app = await StartDataStoresAsync();

        var redisPassword = await app.GetPasswordAsync($"{ResourceNames.Redis}-password");
        var postgresPassword = await app.GetPasswordAsync($"{ResourceNames.Postgres}-password");
        var commandLines = Directory.GetDirectories("/proc")
            .Select(d => Path.Combine(d, "cmdline"))
            .Select(f => { try { return File.ReadAllText(f); } catch (IOException) { return ""; } })
            .ToList();
        Assert.Contains(commandLines, c => c.Contains(_dataDirectory, StringComparison.Ordinal));
        Assert.DoesNotContain(commandLines, c => c.Contains(redisPassword, StringComparison.Ordinal) || c.Contains(postgresPassword, StringComparison.Ordinal));
        foreach (var file in new[] { "postgres/password", "redis/password", "redis/redis.conf" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDirectory, file)));
        }
    }

    [Fact]
    public async Task A_configured_connection_string_starts_nothing_and_is_handed_on_as_it_is()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--LocalServers:DataDirectory={_dataDirectory}",
            "--LoadGenerator:Enabled=false",
            "--ConnectionStrings:kafka=broker.example:9092",
        ]);

        // A connection-string parameter: nothing to run, its value handed on to whoever references it.
        var kafka = Assert.Single(builder.Resources, r => r.Name == ResourceNames.Kafka);
        Assert.IsAssignableFrom<ParameterResource>(kafka);
        Assert.Equal("broker.example:9092", await ((IResourceWithConnectionString)kafka).GetConnectionStringAsync());
        Assert.IsAssignableFrom<ExecutableResource>(Assert.Single(builder.Resources, r => r.Name == ResourceNames.Redis));
    }

    private async Task<DistributedApplication> StartDataStoresAsync(params string[] arguments)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--LocalServers:DataDirectory={_dataDirectory}", "--LoadGenerator:Enabled=false", .. arguments]);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(project);
        }
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await app.StartAsync(timeout.Token);
        try
        {
            foreach (var store in new[] { ResourceNames.Postgres, ResourceNames.AccountingDb, ResourceNames.Redis, ResourceNames.Kafka })
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(store, timeout.Token);
            }
        }
        catch (OperationCanceledException exception)
        {
            throw new InvalidOperationException($"The data stores did not become healthy:\n{await app.DescribeAsync()}", exception);
        }
        return app;
    }

    private static async Task ExecuteAsync(DistributedApplication app, string sql)
    {
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync(ResourceNames.AccountingDb));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(DistributedApplication app, string sql)
    {
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync(ResourceNames.AccountingDb));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static async Task<ConnectionMultiplexer> ConnectRedisAsync(DistributedApplication app) =>
        await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync(ResourceNames.Redis))! + ",connectTimeout=5000");
}
