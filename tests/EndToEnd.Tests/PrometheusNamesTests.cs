using EndToEnd.Tests.Metrics;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// The OpenTelemetry-to-Prometheus naming the exported-metrics list relies on, on the cases of the
/// compatibility specification and of Prometheus's otlptranslator that the Platform's instruments meet.
/// </summary>
public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", MetricType.Histogram, false, "http_server_request_duration_seconds")]
    [InlineData("app.orders.placed", "{order}", MetricType.Sum, true, "app_orders_placed_total")]
    [InlineData("app.order.value", "{USD}", MetricType.Histogram, false, "app_order_value")]
    // "total" moves to the end of a counter's name; the unit is not added twice.
    [InlineData("dotnet.gc.heap.total_allocated", "By", MetricType.Sum, true, "dotnet_gc_heap_allocated_bytes_total")]
    [InlineData("db.client.connection.create_time.seconds", "s", MetricType.Histogram, false, "db_client_connection_create_time_seconds")]
    // An up-down counter is a gauge in Prometheus: no _total.
    [InlineData("http.server.active_requests", "{request}", MetricType.Sum, false, "http_server_active_requests")]
    [InlineData("process.memory.usage", "By", MetricType.Sum, false, "process_memory_usage_bytes")]
    // Unit "1": _ratio on a gauge only.
    [InlineData("system.cpu.utilization", "1", MetricType.Gauge, false, "system_cpu_utilization_ratio")]
    [InlineData("requests.count", "1", MetricType.Sum, true, "requests_count_total")]
    [InlineData("network.io", "By/s", MetricType.Gauge, false, "network_io_bytes_per_second")]
    [InlineData("queue.rate", "{message}/s", MetricType.Gauge, false, "queue_rate_per_second")]
    [InlineData("gc..pause--time", "ms", MetricType.Gauge, false, "gc_pause_time_milliseconds")]
    [InlineData("2xx.responses", "", MetricType.Sum, true, "_2xx_responses_total")]
    [InlineData("traces.span.metrics.calls", "", MetricType.Sum, true, "traces_span_metrics_calls_total")]
    public void Family_name_follows_the_collector(string name, string unit, MetricType type, bool monotonic, string expected) =>
        Assert.Equal(expected, PrometheusNames.FamilyName(name, unit, type, monotonic));

    [Fact]
    public void A_histogram_is_three_series_and_an_exponential_one_a_native_histogram()
    {
        Assert.Equal(["kestrel_connection_duration_seconds_bucket", "kestrel_connection_duration_seconds_sum", "kestrel_connection_duration_seconds_count"],
            PrometheusNames.SeriesOf("kestrel.connection.duration", "s", MetricType.Histogram, false));
        Assert.Equal(["kestrel_connection_duration_seconds"],
            PrometheusNames.SeriesOf("kestrel.connection.duration", "s", MetricType.ExponentialHistogram, false));
    }
}
