using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Flags;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

/// <summary>The OFREP client against a real HTTP server that answers like FlagService.</summary>
public sealed class OfrepFeatureFlagsTests(FakeFlagService flagService) : IClassFixture<FakeFlagService>, IDisposable
{
    private readonly FallbackRecorder _fallbacks = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly List<IHost> _hosts = [];

    public void Dispose()
    {
        _fallbacks.Dispose();
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    [Fact]
    public async Task Boolean_flag_returns_the_served_value()
    {
        var key = NewKey();
        flagService.AnswerValue(key, "true", "on");
        var flags = CreateFlags();

        var value = await flags.GetBooleanAsync(key, false);

        Assert.True(value);
        Assert.Equal(0, _fallbacks.Count(key));
    }

    [Fact]
    public async Task Number_integer_and_string_flags_return_the_served_values()
    {
        var rate = NewKey();
        var extra = NewKey();
        var text = NewKey();
        flagService.AnswerValue(rate, "0.75", "75%");
        flagService.AnswerValue(extra, "100", "on");
        flagService.AnswerValue(text, "\"blue\"", "blue");
        var flags = CreateFlags();

        Assert.Equal(0.75, await flags.GetDoubleAsync(rate, 0));
        Assert.Equal(100, await flags.GetIntegerAsync(extra, 0));
        Assert.Equal("blue", await flags.GetStringAsync(text, "red"));
    }

    [Fact]
    public async Task Evaluation_adds_a_feature_flag_event_with_the_variant_to_the_current_span()
    {
        var key = NewKey();
        flagService.AnswerValue(key, "0.5", "50%");
        var flags = CreateFlags();
        using var source = new ActivitySource("ServiceDefaults.Tests.Flags." + key);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var span = source.StartActivity("request");

        await flags.GetDoubleAsync(key, 0);

        var evaluation = Assert.Single(span!.Events, e => e.Name == "feature_flag.evaluation");
        var tags = evaluation.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(key, tags["feature_flag.key"]);
        Assert.Equal("50%", tags["feature_flag.result.variant"]);
    }

    [Fact]
    public async Task Request_body_carries_the_targeting_key_and_attributes()
    {
        var key = NewKey();
        flagService.AnswerValue(key, "true", "on");
        var flags = CreateFlags();

        await flags.GetBooleanAsync(key, false, new FlagContext("user-7", new Dictionary<string, object?> { ["country"] = "FR", ["items"] = 3 }));

        using var body = JsonDocument.Parse(flagService.LastBody(key)!);
        var context = body.RootElement.GetProperty("context");
        Assert.Equal("user-7", context.GetProperty("targetingKey").GetString());
        Assert.Equal("FR", context.GetProperty("country").GetString());
        Assert.Equal(3, context.GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task Unserializable_context_returns_the_default_instead_of_throwing()
    {
        var key = NewKey();
        flagService.AnswerValue(key, "true", "on");
        var flags = CreateFlags();
        var cyclic = new Dictionary<string, object?>();
        cyclic["self"] = cyclic;

        var value = await flags.GetBooleanAsync(key, false, new FlagContext("user-1", cyclic));

        Assert.False(value);
        Assert.Equal(["general"], _fallbacks.ErrorTypes(key));
    }

    [Fact]
    public async Task Second_evaluation_within_the_cache_duration_makes_no_http_call()
    {
        var key = NewKey();
        flagService.AnswerValue(key, "true", "on");
        var flags = CreateFlags();

        await flags.GetBooleanAsync(key, false);
        var second = await flags.GetBooleanAsync(key, false);

        Assert.True(second);
        Assert.Equal(1, flagService.Hits(key));
    }

    [Fact]
    public async Task Different_contexts_are_cached_separately_when_the_flag_targets()
    {
        var key = NewKey();
        flagService.Answer(key, 200, $$"""{"key":"{{key}}","value":true,"reason":"TARGETING_MATCH","variant":"on","metadata":{} }""");
        var flags = CreateFlags();

        await flags.GetBooleanAsync(key, false, new FlagContext("user-1"));
        await flags.GetBooleanAsync(key, false, new FlagContext("user-2"));

        Assert.Equal(2, flagService.Hits(key));
    }

    [Fact]
    public async Task A_static_answer_serves_every_context_within_the_cache_duration()
    {
        var key = NewKey();
        flagService.AnswerValue(key, "true", "on"); // reason STATIC: the flag has no targeting
        var flags = CreateFlags();

        await flags.GetBooleanAsync(key, false, new FlagContext("user-1"));
        var other = await flags.GetBooleanAsync(key, false, new FlagContext("user-2"));

        Assert.True(other);
        Assert.Equal(1, flagService.Hits(key));
    }

    [Fact]
    public async Task Switched_flag_takes_effect_after_the_cache_duration()
    {
        var key = NewKey();
        flagService.AnswerValue(key, "false", "off");
        var flags = CreateFlags(new() { ["Flags:CacheDuration"] = "00:00:00.200" });
        Assert.False(await flags.GetBooleanAsync(key, false));
        flagService.AnswerValue(key, "true", "on");

        await Task.Delay(400);
        var value = await flags.GetBooleanAsync(key, false);

        Assert.True(value);
    }

    [Fact]
    public async Task Unknown_flag_returns_the_default_and_counts_a_fallback()
    {
        var key = NewKey(); // the fake answers 404 FLAG_NOT_FOUND for keys it was not told about
        var flags = CreateFlags();

        var value = await flags.GetIntegerAsync(key, 42);

        Assert.Equal(42, value);
        Assert.Equal(1, _fallbacks.Count(key));
        Assert.Equal(["flag_not_found"], _fallbacks.ErrorTypes(key));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(key));
    }

    [Fact]
    public async Task Wrong_type_returns_the_default_and_counts_a_fallback()
    {
        var key = NewKey();
        flagService.AnswerValue(key, "\"not a bool\"", "weird");
        var flags = CreateFlags();

        var value = await flags.GetBooleanAsync(key, true);

        Assert.True(value);
        Assert.Equal(["type_mismatch"], _fallbacks.ErrorTypes(key));
    }

    [Fact]
    public async Task Server_error_returns_the_default_and_counts_a_fallback()
    {
        var key = NewKey();
        flagService.Answer(key, 500, """{"errorDetails":"boom"}""");
        var flags = CreateFlags();

        var value = await flags.GetDoubleAsync(key, 0.25);

        Assert.Equal(0.25, value);
        Assert.Equal(["unavailable"], _fallbacks.ErrorTypes(key));
    }

    [Fact]
    public async Task Slow_flag_service_returns_the_default_within_the_request_timeout()
    {
        var key = NewKey();
        flagService.Answer(key, 200, """{"value":true}""", delay: TimeSpan.FromSeconds(5));
        var flags = CreateFlags(new() { ["Flags:RequestTimeout"] = "00:00:00.200" });
        var stopwatch = Stopwatch.StartNew();

        var value = await flags.GetBooleanAsync(key, false);

        Assert.False(value);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
        Assert.Equal(["timeout"], _fallbacks.ErrorTypes(key));
    }

    [Fact]
    public async Task Flag_service_down_returns_the_default_and_counts_each_fallback()
    {
        var key = NewKey();
        var flags = CreateFlags(address: TestApps.ClosedAddress());

        var first = await flags.GetStringAsync(key, "fallback");
        var second = await flags.GetStringAsync(key, "fallback");

        Assert.Equal("fallback", first);
        Assert.Equal("fallback", second);
        Assert.Equal(2, _fallbacks.Count(key));
        Assert.Equal(["unavailable"], _fallbacks.ErrorTypes(key));
        // Rate-limited: one warning per flag and interval, not one per call.
        Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(key));
    }

    [Fact]
    public async Task Without_a_flag_service_address_every_flag_is_its_default_and_one_warning_is_logged_at_start()
    {
        var key = NewKey();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(_logs);
        builder.AddFeatureFlags();
        using var host = builder.Build();
        await host.StartAsync();
        var flags = host.Services.GetRequiredService<IFeatureFlags>();

        var value = await flags.GetBooleanAsync(key, true);
        await flags.GetBooleanAsync(key, true);
        await host.StopAsync();

        Assert.True(value);
        Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("services:flagservice:http:0"));
        Assert.Equal(0, _fallbacks.Count(key));
    }

    private static string NewKey() => "flag" + Guid.NewGuid().ToString("N");

    private IFeatureFlags CreateFlags(Dictionary<string, string?>? settings = null, Uri? address = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // The first request of a run pays for JIT and connection set-up; on 2 busy cores that can pass the
        // 1 s production timeout. Tests about timeouts set their own, shorter one.
        builder.Configuration["Flags:RequestTimeout"] = "00:00:10";
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Configuration[OfrepFeatureFlags.AddressKey] = (address ?? flagService.Address).ToString();
        builder.Logging.AddProvider(_logs);
        builder.AddFeatureFlags();
        var host = builder.Build();
        _hosts.Add(host);
        return host.Services.GetRequiredService<IFeatureFlags>();
    }
}
