namespace Platform.Redis.Tests;

public sealed class RedisClientPipeliningTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Thousand_commands_in_flight_get_their_replies_in_order()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("counter");
        await client.PingAsync();

        var inFlight = Enumerable.Range(0, 1000).Select(_ => client.IncrementAsync(key)).ToArray();
        var values = await Task.WhenAll(inFlight);

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), values);
    }

    [Fact]
    public async Task Batch_of_thousand_commands_returns_replies_in_order()
    {
        await using var client = redis.CreateClient();
        var commands = Enumerable.Range(0, 1000).Select(i => new RedisCommand("ECHO", $"message {i}")).ToArray();

        var replies = await client.ExecuteBatchAsync(commands);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"message {i}"), replies.Select(r => r.AsString()));
    }

    [Fact]
    public async Task Batch_returns_error_replies_in_place_without_throwing()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("str");

        var replies = await client.ExecuteBatchAsync([
            new RedisCommand("SET", key, "text"),
            new RedisCommand("INCR", key),
            new RedisCommand("GET", key)]);

        Assert.Equal("OK", replies[0].AsString());
        Assert.True(replies[1].IsError);
        Assert.Equal("text", replies[2].AsString());
    }

    [Fact]
    public async Task Multi_exec_in_a_batch_is_not_interleaved_with_other_callers()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("tx");
        var noise = Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.SetAsync($"{key}:noise:{i}", "x")));

        var replies = await client.ExecuteBatchAsync([
            new RedisCommand("MULTI"),
            new RedisCommand("INCRBY", key, 5),
            new RedisCommand("INCRBY", key, 6),
            new RedisCommand("EXEC")]);
        await noise;

        Assert.Equal(new[] { 5L, 11L }, replies[3].Elements.Select(e => e.AsInt64()));
    }

    [Fact]
    public async Task Many_threads_sharing_one_client_each_read_their_own_values()
    {
        await using var client = redis.CreateClient();
        var prefix = RedisServerFixture.UniqueKey("thread");

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var mismatches = 0;
            for (var i = 0; i < 200; i++)
            {
                var value = $"{worker}-{i}";
                await client.SetAsync($"{prefix}:{worker}", value);
                mismatches += await client.GetAsync($"{prefix}:{worker}") == value ? 0 : 1;
            }

            return mismatches;
        }));
        var mismatches = await Task.WhenAll(workers);

        Assert.All(mismatches, m => Assert.Equal(0, m));
    }
}
