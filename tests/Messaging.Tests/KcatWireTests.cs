using System.Diagnostics;

namespace Platform.Messaging.Tests;

/// <summary>Checks what goes over the wire with an independent Kafka client: Debian's kcat.</summary>
public sealed class KcatWireTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact]
    public async Task Kcat_sees_the_key_value_and_traceparent_header()
    {
        var topic = await kafka.CreateTopicAsync("wire");
        using var spans = new ActivityCollector();
        using var producer = Clients.Producer(kafka.BootstrapServers);
        await producer.PublishAsync(topic, "order-7", "{\"orderId\":\"order-7\"}"u8.ToArray());
        var publish = Assert.Single(spans.Stopped(topic));

        var output = await RunKcatAsync("-C", "-b", kafka.BootstrapServers, "-t", topic, "-o", "beginning", "-e", "-c", "1", "-f", "%k|%s|%h\n");

        var fields = output.Trim().Split('|');
        Assert.Equal("order-7", fields[0]);
        Assert.Equal("{\"orderId\":\"order-7\"}", fields[1]);
        Assert.Contains($"traceparent={publish.Id}", fields[2]);
    }

    private static async Task<string> RunKcatAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kcat") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(process.ExitCode == 0, $"kcat exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
