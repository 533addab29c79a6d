namespace Platform.Redis.Tests;

public sealed class RedisClientCommandTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Ping_answers()
    {
        await using var client = redis.CreateClient();

        var roundTrip = await client.PingAsync();

        Assert.True(roundTrip > TimeSpan.Zero);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Set_then_get_returns_the_value()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("str");

        await client.SetAsync(key, "héllo wörld");

        Assert.Equal("héllo wörld", await client.GetAsync(key));
    }

    [Fact]
    public async Task Get_of_a_missing_key_is_null()
    {
        await using var client = redis.CreateClient();

        Assert.Null(await client.GetAsync(RedisServerFixture.UniqueKey("missing")));
    }

    [Fact]
    public async Task Set_with_expiry_and_expire_set_a_time_to_live()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("ttl");

        await client.SetAsync(key, "v", TimeSpan.FromMinutes(1));
        var first = await client.TimeToLiveAsync(key);
        var extended = await client.ExpireAsync(key, TimeSpan.FromHours(1));
        var second = await client.TimeToLiveAsync(key);

        Assert.InRange(first!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        Assert.True(extended);
        Assert.InRange(second!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Delete_removes_the_key_and_counts_it()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("del");
        await client.SetAsync(key, "v");

        var removed = await client.DeleteAsync(key);
        var removedAgain = await client.DeleteAsync(key);

        Assert.Equal(1, removed);
        Assert.Equal(0, removedAgain);
        Assert.False(await client.ExistsAsync(key));
    }

    [Fact]
    public async Task Hash_increments_add_up_and_getall_returns_every_field()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("hash");

        await client.HashIncrementAsync(key, "a", 2);
        var a = await client.HashIncrementAsync(key, "a", 3);
        await client.HashSetAsync(key, "b", "x");
        var all = await client.HashGetAllAsync(key);

        Assert.Equal(5, a);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "5", ["b"] = "x" }, all);
        Assert.Equal("x", await client.HashGetAsync(key, "b"));
    }

    [Fact]
    public async Task Getall_of_a_missing_hash_is_empty()
    {
        await using var client = redis.CreateClient();

        Assert.Empty(await client.HashGetAllAsync(RedisServerFixture.UniqueKey("nohash")));
    }

    [Fact]
    public async Task Generic_execute_returns_the_raw_reply()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("list");

        await client.ExecuteAsync("RPUSH", key, "a", "b", 3);
        var reply = await client.ExecuteAsync("LRANGE", key, 0, -1);

        Assert.Equal(RedisReplyKind.Array, reply.Kind);
        Assert.Equal(new[] { "a", "b", "3" }, reply.Elements.Select(e => e.AsString()));
    }

    [Fact]
    public async Task Server_error_throws_and_the_connection_stays_usable()
    {
        await using var client = redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("str");
        await client.SetAsync(key, "not a hash");

        var ex = await Assert.ThrowsAsync<RedisServerException>(() => client.HashIncrementAsync(key, "f"));

        Assert.Equal("WRONGTYPE", ex.ErrorCode);
        Assert.Equal("HINCRBY", ex.Command);
        Assert.Equal("not a hash", await client.GetAsync(key));
    }

    [Fact]
    public async Task Default_database_is_selected_on_connect()
    {
        await using var db0 = redis.CreateClient();
        await using var db5 = redis.CreateClient(o => o.Database = 5);
        var key = RedisServerFixture.UniqueKey("db");

        await db5.SetAsync(key, "five");

        Assert.Equal("five", await db5.GetAsync(key));
        Assert.Null(await db0.GetAsync(key));
    }
}
