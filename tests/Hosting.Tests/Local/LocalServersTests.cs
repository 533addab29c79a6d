using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using Npgsql;
using Platform.Hosting.Local;
using Platform.Hosting.Processes;

namespace Hosting.Tests.Local;

public sealed class LocalServersTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"local-servers-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Redis_requires_its_password_and_answers_commands()
    {
        await using var redis = await LocalRedisServer.StartAsync(_dataDirectory);

        Assert.StartsWith("-NOAUTH", await SendAsync(redis.Port, "PING\r\n"));
        Assert.Contains("+PONG", await SendAsync(redis.Port, $"AUTH {redis.Password}\r\nPING\r\n"));
        Assert.Equal($"127.0.0.1:{redis.Port},password={redis.Password}", redis.ConnectionString);
    }

    [Fact]
    public async Task Redis_process_is_gone_after_dispose()
    {
        var redis = await LocalRedisServer.StartAsync(_dataDirectory);
        var pid = redis.Process.Id;

        await redis.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{pid}"), $"redis-server {pid} still runs");
    }

    [Fact]
    public async Task Postgres_creates_a_database_that_accepts_queries()
    {
        await using var postgres = await LocalPostgresServer.StartAsync(_dataDirectory);

        await postgres.CreateDatabaseAsync("accountingdb");
        await postgres.CreateDatabaseAsync("accountingdb"); // idempotent
        await using var connection = new NpgsqlConnection(postgres.GetConnectionString("accountingdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal("accountingdb", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Postgres_restarts_on_a_kept_directory_with_the_same_password_and_data()
    {
        var options = new LocalServerOptions { Persistent = true };
        await using (var first = await LocalPostgresServer.StartAsync(_dataDirectory, options))
        {
            await first.CreateDatabaseAsync("kept");
        }

        await using var second = await LocalPostgresServer.StartAsync(_dataDirectory, options);
        await using var connection = new NpgsqlConnection(second.GetConnectionString("kept"));
        await connection.OpenAsync();

        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task Postgres_rejects_a_database_name_that_would_need_quoting()
    {
        await using var postgres = await LocalPostgresServer.StartAsync(_dataDirectory);

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => postgres.CreateDatabaseAsync("bad\"name"));

        Assert.Contains("may contain only", exception.Message);
    }

    [Fact]
    public async Task Kafka_mock_cluster_carries_a_message_between_clients()
    {
        using var kafka = KafkaMockCluster.Start();
        kafka.EnsureTopic("orders");

        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, Acks = Acks.All, EnableIdempotence = true }).Build();
        var delivery = await producer.ProduceAsync("orders", new Message<string, string> { Key = "k", Value = "v" });
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "test",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("orders");
        var received = consumer.Consume(TimeSpan.FromSeconds(15));

        Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
        Assert.StartsWith("127.0.0.1:", kafka.BootstrapServers);
        Assert.Equal("v", received?.Message.Value);
    }

    [Fact]
    public async Task Child_process_with_a_missing_binary_names_the_file()
    {
        var exception = await Assert.ThrowsAsync<FileNotFoundException>(() => GuardedProcess.StartAsync(new GuardedProcessOptions { FileName = "/nonexistent/redis-server" }));

        Assert.Contains("/nonexistent/redis-server", exception.Message);
    }

    private static async Task<string> SendAsync(int port, string commands)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(commands));
        await Task.Delay(200);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
