using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Redis.Tests;

public sealed class RedisTracingTests : IClassFixture<RedisServerFixture>, IDisposable
{
    private static readonly ActivitySource TestSource = new("Platform.Redis.Tests");
    private readonly RedisServerFixture _redis;
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public RedisTracingTests(RedisServerFixture redis)
    {
        _redis = redis;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is RedisTelemetry.SourceName or "Platform.Redis.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Each_command_is_a_client_span_named_after_it_with_db_tags()
    {
        await using var client = _redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("span");

        var parent = TestSource.StartActivity("test")!;
        await client.HashIncrementAsync(key, "f", 1);
        await client.HashGetAllAsync(key);
        parent.Stop();

        var spans = ChildrenOf(parent);
        Assert.Equal(new[] { "HINCRBY", "HGETALL" }, spans.Select(s => s.DisplayName));
        var span = spans[1];
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("redis", span.GetTagItem("db.system.name"));
        Assert.Equal("HGETALL", span.GetTagItem("db.operation.name"));
        Assert.Equal("0", span.GetTagItem("db.namespace"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal(_redis.Server.Port, span.GetTagItem("server.port"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Failed_command_span_has_error_status_and_an_exception_event()
    {
        await using var client = _redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("span-err");
        await client.SetAsync(key, "text");

        var parent = TestSource.StartActivity("test")!;
        await Assert.ThrowsAsync<RedisServerException>(() => client.ExecuteAsync("INCR", key));
        parent.Stop();

        var span = Assert.Single(ChildrenOf(parent));
        Assert.Equal("INCR", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("ERR", span.GetTagItem("error.type"));
        var exception = Assert.Single(span.Events, e => e.Name == "exception");
        Assert.Contains(exception.Tags, t => t.Key == "exception.type" && (string?)t.Value == typeof(RedisServerException).FullName);
    }

    [Fact]
    public async Task Connection_failure_is_recorded_on_the_command_span()
    {
        await using var client = new RedisClient("127.0.0.1:1,connectTimeout=500");

        var parent = TestSource.StartActivity("test")!;
        await Assert.ThrowsAsync<RedisConnectionException>(() => client.DeleteAsync("cart:x"));
        parent.Stop();

        var span = Assert.Single(ChildrenOf(parent));
        Assert.Equal("DEL", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(RedisConnectionException).FullName, span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Batched_commands_are_sibling_spans_under_the_caller()
    {
        await using var client = _redis.CreateClient();
        var key = RedisServerFixture.UniqueKey("span-batch");

        var parent = TestSource.StartActivity("test")!;
        await client.ExecuteBatchAsync([new RedisCommand("SET", key, "1"), new RedisCommand("EXPIRE", key, 60), new RedisCommand("GET", key)]);
        parent.Stop();

        Assert.Equal(new[] { "SET", "EXPIRE", "GET" }, ChildrenOf(parent).Select(s => s.DisplayName));
    }

    private List<Activity> ChildrenOf(Activity parent) =>
        _stopped.Where(a => a.ParentSpanId == parent.SpanId && a.TraceId == parent.TraceId).OrderBy(a => a.StartTimeUtc).ToList();
}
