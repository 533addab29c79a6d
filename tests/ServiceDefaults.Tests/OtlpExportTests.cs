using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

/// <summary>OTLP export to a real receiver, configured only through the standard OTEL_* keys.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Http_protobuf_exports_traces_to_v1_traces_and_the_last_span_arrives_when_the_host_shuts_down()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: false);
        var app = await StartServiceAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "otlp-http-test",
        });
        var trace = Traceparent.New();
        using var http = TestHttp.Create();
        using (var response = await http.SendAsync(trace.Get(new Uri(app.Address(), "things/1"))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await app.ShutDownAsync();

        // The batch processor waits 5 s between exports: the span is here this early only because shutting down flushed it.
        Assert.True(receiver.AnyBodyContains("/v1/traces", trace.TraceId.ToHexString().ToBytes()), Describe(receiver));
        Assert.True(receiver.AnyBodyContains("/v1/traces", Encoding.UTF8.GetBytes("GET /things/{id}")));
        Assert.True(receiver.AnyBodyContains("/v1/traces", Encoding.UTF8.GetBytes("otlp-http-test")));
        Assert.All(receiver.Requests, r => Assert.Equal("application/x-protobuf", r.ContentType));
    }

    [Fact]
    public async Task Http_protobuf_exports_metrics_and_logs_to_their_own_paths_with_one_instance_id()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: false);
        var app = await StartServiceAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var instanceId = (string)app.Services.GetRequiredService<TracerProvider>().GetResource().Attributes
            .Single(a => a.Key == "service.instance.id").Value;
        using var http = TestHttp.Create();
        (await http.GetAsync(new Uri(app.Address(), "things/1"))).Dispose();

        await app.ShutDownAsync();

        Assert.True(receiver.Count("/v1/metrics") >= 1, Describe(receiver));
        // The start-up warning "FlagService address is not configured" is a log record.
        Assert.True(receiver.AnyBodyContains("/v1/logs", Encoding.UTF8.GetBytes("FlagService address is not configured")), Describe(receiver));
        // Traces, metrics and logs of one process join on the same service.instance.id.
        Assert.All(new[] { "/v1/traces", "/v1/metrics", "/v1/logs" },
            path => Assert.True(receiver.AnyBodyContains(path, Encoding.UTF8.GetBytes(instanceId)), $"{path} lacks {instanceId}"));
    }

    [Fact]
    public async Task Logs_written_during_a_request_are_exported_with_its_trace_id()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: false);
        var app = await StartServiceAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var trace = Traceparent.New();
        using var http = TestHttp.Create();
        (await http.SendAsync(trace.Get(new Uri(app.Address(), "log/order-17")))).Dispose();

        await app.ShutDownAsync();

        var record = receiver.Requests.Where(r => r.Path == "/v1/logs")
            .Select(r => r.Body)
            .FirstOrDefault(b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Order order-17 looked odd")) >= 0);
        Assert.NotNull(record);
        Assert.True(record.AsSpan().IndexOf(trace.TraceId.ToHexString().ToBytes()) >= 0, "the log record has no trace id");
    }

    [Fact]
    public async Task Grpc_exports_traces_to_the_trace_service()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: true);
        var app = await StartServiceAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        });
        var trace = Traceparent.New();
        using var http = TestHttp.Create();
        (await http.SendAsync(trace.Get(new Uri(app.Address(), "things/1")))).Dispose();

        await app.ShutDownAsync();

        const string path = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
        Assert.True(receiver.AnyBodyContains(path, trace.TraceId.ToHexString().ToBytes()), Describe(receiver));
        Assert.All(receiver.Requests, r => Assert.StartsWith("application/grpc", r.ContentType));
    }

    [Fact]
    public async Task Nothing_is_exported_without_OTEL_EXPORTER_OTLP_ENDPOINT()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: false);
        // The SDK would honour these per-signal endpoints if an exporter were registered: export is
        // switched on by OTEL_EXPORTER_OTLP_ENDPOINT alone (Aspire's convention).
        var app = await StartServiceAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(receiver.Address, "v1/traces").ToString(),
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = new Uri(receiver.Address, "v1/metrics").ToString(),
            ["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"] = new Uri(receiver.Address, "v1/logs").ToString(),
        });
        using var http = TestHttp.Create();
        (await http.GetAsync(new Uri(app.Address(), "log/order-18"))).Dispose();

        await app.ShutDownAsync();

        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public void Resource_takes_the_service_name_and_the_attributes_of_the_replica()
    {
        using var host = BuildHost(new()
        {
            ["OTEL_SERVICE_NAME"] = "cart",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=cart-2,deployment.environment.name=dev%20laptop,service.name=ignored",
        });

        var attributes = Resource(host);

        Assert.Equal("cart", attributes["service.name"]);
        Assert.Equal("cart-2", attributes["service.instance.id"]);
        Assert.Equal("dev laptop", attributes["deployment.environment.name"]);
    }

    [Fact]
    public void Without_OTEL_SERVICE_NAME_the_application_name_is_used_with_a_generated_instance_id()
    {
        using var host = BuildHost([]);

        var attributes = Resource(host);

        Assert.Equal("servicedefaults-tests", attributes["service.name"]);
        Assert.True(Guid.TryParse(attributes["service.instance.id"] as string, out _));
    }

    [Fact]
    public void Configuring_telemetry_twice_is_harmless()
    {
        var builder = TestApps.CreateBuilder(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = TestApps.ClosedAddress().ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        builder.AddServiceDefaults();
        builder.ConfigureOpenTelemetry();
        using var app = builder.Build();

        // The OTLP exporter refuses a second UseOtlpExporter when the providers are built.
        var exception = Record.Exception(() => app.Services.GetRequiredService<TracerProvider>());

        Assert.Null(exception);
    }

    [Fact]
    public void Unknown_protocol_is_a_clear_startup_error()
    {
        var builder = TestApps.CreateBuilder(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/json",
        });

        var exception = Assert.Throws<InvalidOperationException>(() => builder.ConfigureOpenTelemetry());

        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL", exception.Message);
    }

    private static WebApplication BuildHost(Dictionary<string, string?> configuration)
    {
        var builder = TestApps.CreateBuilder(configuration);
        builder.ConfigureOpenTelemetry();
        return builder.Build();
    }

    private static Dictionary<string, object> Resource(WebApplication host) =>
        host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);

    private static async Task<WebApplication> StartServiceAsync(Dictionary<string, string?> configuration)
    {
        var builder = TestApps.CreateBuilder(configuration);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/things/{id}", (string id) => id);
        app.MapGet("/log/{id}", (string id, ILogger<OtlpExportTests> logger) =>
        {
            logger.LogWarning("Order {OrderId} looked odd", id);
            return id;
        });
        return await TestApps.StartAsync(app);
    }

    private static string Describe(OtlpReceiver receiver) =>
        "received: " + string.Join(", ", receiver.Requests.Select(r => $"{r.Path} ({r.ContentType}, {r.Body.Length} B)"));
}

internal static class HexExtensions
{
    public static byte[] ToBytes(this string hex) => Convert.FromHexString(hex);
}
