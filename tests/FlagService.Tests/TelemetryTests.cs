using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;

namespace FlagService.Tests;

public class TelemetryTests
{
    [Fact]
    public async Task Every_evaluation_counts_with_flag_variant_and_reason()
    {
        var key = $"telemetryProbe{Guid.NewGuid():N}";
        var measurements = new ConcurrentBag<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Platform.FlagService" && instrument.Name == "app.feature_flag.evaluations")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            if (Equals(map.GetValueOrDefault("feature_flag.key"), key))
            {
                measurements.Add((value, map));
            }
        });
        listener.Start();
        await using var host = FlagServiceHost.Start("""{"flags": {"KEY": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}}}""".Replace("KEY", key));

        (await host.Client.PostAsync($"/ofrep/v1/evaluate/flags/{key}", JsonContent.Create(new { }))).Dispose();
        (await host.Client.PostAsync($"/ofrep/v1/evaluate/flags/{key}", JsonContent.Create(new { }))).Dispose();

        Assert.Equal(2, measurements.Sum(m => m.Value));
        Assert.All(measurements, m =>
        {
            Assert.Equal("on", m.Tags["feature_flag.result.variant"]);
            Assert.Equal("static", m.Tags["feature_flag.result.reason"]);
        });
    }
}
