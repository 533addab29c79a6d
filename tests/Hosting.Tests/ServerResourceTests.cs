using System.Net.Sockets;
using System.Text;
using Npgsql;
using Platform.Hosting;
using Platform.Hosting.Orchestration;
using Platform.Hosting.Testing;

namespace Hosting.Tests;

/// <summary>Redis, PostgreSQL (with a database) and the Kafka mock cluster started once for the class.</summary>
public sealed class ServerResourcesFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("postgres").AddDatabase("accountingdb");
        builder.AddRedis("redis");
        builder.AddKafka("kafka");
        App = await builder.BuildAsync();
        await App.StartAsync(TestApp.Timeout());
        await App.WaitForAllHealthyAsync(TestApp.Timeout(90));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class ServerResourceTests(ServerResourcesFixture fixture) : IClassFixture<ServerResourcesFixture>
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task Redis_answers_with_the_generated_password()
    {
        var connectionString = await App.GetConnectionStringAsync("redis");
        var parts = connectionString!.Split(',');
        var address = parts[0].Split(':');
        var password = parts.Single(p => p.StartsWith("password=", StringComparison.Ordinal))["password=".Length..];

        using var client = new TcpClient();
        await client.ConnectAsync(address[0], int.Parse(address[1], System.Globalization.CultureInfo.InvariantCulture));
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {password}\r\nPING\r\n"));
        var buffer = new byte[64];
        var received = "";
        while (!received.Contains("+PONG", StringComparison.Ordinal))
        {
            received += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer, TestApp.Timeout(10)));
        }

        Assert.StartsWith("+OK", received);
    }

    [Fact]
    public async Task The_database_exists_and_accepts_queries()
    {
        var connectionString = await App.GetConnectionStringAsync("accountingdb");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal("accountingdb", await command.ExecuteScalarAsync());
        Assert.True(App.ResourceNotifications.Get("accountingdb").IsHealthy);
    }

    [Fact]
    public async Task Kafka_mock_cluster_listens_on_loopback()
    {
        var bootstrap = await App.GetConnectionStringAsync("kafka");
        var port = int.Parse(bootstrap!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);

        Assert.True(client.Connected);
        Assert.Equal(Environment.ProcessId, App.ResourceNotifications.Get("kafka").ProcessIds.Single());
    }

    [Fact]
    public void Server_data_lives_in_the_private_data_directory()
    {
        Assert.True(File.Exists(Path.Combine(App.DataDirectory, "postgres", "pgdata", "PG_VERSION")));
        Assert.True(File.Exists(Path.Combine(App.DataDirectory, "redis", "redis.password")));
    }

    [Fact]
    public void Every_server_reports_Running_and_healthy()
    {
        Assert.All(App.ResourceNotifications.Snapshots, s => Assert.Equal(KnownResourceStates.Running, s.State));
        Assert.All(App.ResourceNotifications.Snapshots, s => Assert.True(s.IsHealthy, s.Name));
    }
}

public sealed class ExistingResourceTests
{
    [Fact]
    public async Task A_resource_with_a_configured_connection_string_is_not_started()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        builder.UseExisting("redis", $"127.0.0.1:{port},password=existing");
        await using var app = await builder.BuildAsync();

        await app.StartAsync(TestApp.Timeout());
        var redis = await app.WaitForResourceHealthyAsync("redis", TestApp.Timeout());

        Assert.Equal($"127.0.0.1:{port},password=existing", await app.GetConnectionStringAsync("redis"));
        Assert.Empty(redis.ProcessIds);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "redis")));
    }
}
