using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.Redis.Tests;

public sealed class RedisHostingTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task AddRedisClient_reads_the_connection_string_and_registers_a_healthy_redis_check()
    {
        using var host = BuildHost(redis.Server.ConnectionString);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var client = host.Services.GetRequiredService<RedisClient>();

        Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);
        Assert.Equal(redis.Server.Port, client.Options.Port);
        Assert.Equal(redis.Server.Password, client.Options.Password);
    }

    [Fact]
    public async Task Redis_check_is_unhealthy_when_redis_does_not_answer()
    {
        using var host = BuildHost("127.0.0.1:1,connectTimeout=500");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["redis"].Status);
        Assert.Contains("does not answer PING", report.Entries["redis"].Description);
    }

    [Fact]
    public void Missing_connection_string_names_the_configuration_key()
    {
        using var host = BuildHost(null);

        var ex = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<RedisClient>());

        Assert.Contains("ConnectionStrings:redis", ex.Message);
    }

    private static IHost BuildHost(string? connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:redis", connectionString)]);
        builder.AddRedisClient("redis");
        return builder.Build();
    }
}
