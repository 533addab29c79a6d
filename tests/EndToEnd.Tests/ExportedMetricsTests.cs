using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using EndToEnd.Tests.Metrics;
using EndToEnd.Tests.Model;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// The metric names the dashboards may use are the ones the Platform really exports: the shop is driven
/// through every path that records a metric (browsing, carts, a purchase, a failed payment, a redelivered
/// and a poison event, flags evaluated while FlagService is down), and what the services export over OTLP,
/// in Prometheus naming, must be the committed deploy/observability/exported-metrics.txt.
/// </summary>
[Collection(WholeSystem.Name)]
public sealed class ExportedMetricsTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    // A metric recorded by the last action is exported within an interval (1 s, PlatformFixture); the
    // set is taken once it has not changed for several intervals.
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SteadyDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_metrics_the_services_export_are_the_committed_list()
    {
        // Arrange: every path of the shop that records a metric.
        await BrowseAndBuyAsync();
        await FailAPaymentAsync();
        await RedeliverAndPoisonTheOrdersTopicAsync();
        await BuyWhatFraudDetectionFlagsAsync();
        await EvaluateFlagsWithFlagServiceDownAsync();

        // Act: what the services exported, once it stops growing.
        var collector = CollectorConfig.Load();
        var exported = await WaitUntilSteadyAsync(() => ExportedMetricsList.Format(
            platform.Telemetry.Metrics, platform.Telemetry.Spans.Select(s => s.ServiceName), collector));

        // Assert: it is the committed list (or becomes it, when asked to regenerate).
        var path = Path.Combine(Repository.Root, ExportedMetricsList.RelativePath);
        if (Environment.GetEnvironmentVariable(ExportedMetricsList.UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, exported);
        }
        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        Assert.True(ExportedMetricsList.Comparable(committed).SequenceEqual(ExportedMetricsList.Comparable(exported)),
            $"{ExportedMetricsList.RelativePath} is not what the Platform exports; if the change is intended, regenerate it with " +
            $"{ExportedMetricsList.UpdateVariable}=1 dotnet test tests/EndToEnd.Tests --filter {nameof(ExportedMetricsTests)}\n" + Difference(committed, exported));
    }

    private async Task BrowseAndBuyAsync()
    {
        using var storefront = platform.App.CreateHttpClient(ResourceNames.Frontend);
        foreach (var page in new[] { "/", $"/products/{ShopApi.Telescope}", "/api/products", $"/api/products/{ShopApi.OtherProduct}" })
        {
            using var response = await storefront.GetAsync(page);
            Assert.True(response.IsSuccessStatusCode, $"GET {page} → {(int)response.StatusCode}");
        }
        using (var missing = await storefront.GetAsync("/api/products/NO-SUCH-PRODUCT"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        await PurchaseAsync($"e2e-metrics-{Guid.NewGuid():N}");
    }

    private async Task<string> PurchaseAsync(string userId, int telescopes = 1)
    {
        using var shop = platform.Shop();
        await shop.AddToCartAsync(userId, ShopApi.Telescope, telescopes);
        await shop.AddToCartAsync(userId, ShopApi.OtherProduct, 2);
        using var checkout = await shop.CheckoutAsync(userId);
        Assert.True(checkout.StatusCode == HttpStatusCode.OK, $"checkout → {(int)checkout.StatusCode}: {await checkout.Content.ReadAsStringAsync()}");
        var orderId = JsonDocument.Parse(await checkout.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!;
        Assert.NotNull(await platform.Orders.WaitForOrderAsync(orderId, Eventually));
        return orderId;
    }

    private async Task FailAPaymentAsync()
    {
        using var shop = platform.Shop();
        var userId = $"e2e-metrics-{Guid.NewGuid():N}";
        await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);
        await platform.SetFlagAsync(FlagKeys.PaymentFailure, "100%");
        try
        {
            using var checkout = await shop.CheckoutAsync(userId);
            Assert.Equal(HttpStatusCode.BadGateway, checkout.StatusCode);
        }
        finally
        {
            await platform.SetFlagAsync(FlagKeys.PaymentFailure, "off");
        }
    }

    /// <summary>Accounting counts a duplicate event and skips (and counts) one it cannot parse.</summary>
    private async Task RedeliverAndPoisonTheOrdersTopicAsync()
    {
        var orderId = await PurchaseAsync($"e2e-metrics-{Guid.NewGuid():N}");
        var original = Assert.Single(platform.OrdersTopic.MessagesOf(orderId)).Message;
        var duplicate = await platform.OrdersTopic.RepublishAsync(original);
        Assert.True(await platform.OrdersTopic.WaitForCommitPastAsync("accounting", duplicate, Eventually), "accounting did not commit past the duplicate");

        var poison = await platform.OrdersTopic.RepublishAsync(new Message<string, byte[]> { Key = "e2e-poison", Value = Encoding.UTF8.GetBytes("not an order"), Headers = [] });
        Assert.True(await platform.OrdersTopic.WaitForCommitPastAsync("accounting", poison, Eventually), "accounting did not commit past the poison message");
    }

    /// <summary>Three telescopes (over 1,000 USD): FraudDetection's high-total rule flags the order.</summary>
    private async Task BuyWhatFraudDetectionFlagsAsync()
    {
        var orderId = await PurchaseAsync($"e2e-metrics-{Guid.NewGuid():N}", telescopes: 3);
        var message = Assert.Single(platform.OrdersTopic.MessagesOf(orderId));
        Assert.True(await platform.OrdersTopic.WaitForCommitPastAsync("fraud-detection", message.TopicPartitionOffset, Eventually),
            "fraud-detection did not commit past the order");
    }

    /// <summary>Without FlagService every flag evaluation falls back to its default, and is counted as such.</summary>
    private async Task EvaluateFlagsWithFlagServiceDownAsync()
    {
        var stopped = await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.FlagService, KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        // The services cache a flag's value (and a failure) for 1 s: wait for what they cached to expire.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await PurchaseAsync($"e2e-metrics-{Guid.NewGuid():N}");
    }

    private static async Task<string> WaitUntilSteadyAsync(Func<string> snapshot)
    {
        var deadline = DateTime.UtcNow + SteadyDeadline;
        var last = snapshot();
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - since < Steady)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = snapshot();
            if (now != last)
            {
                (last, since) = (now, DateTime.UtcNow);
            }
        }
        return last;
    }

    private static string Difference(string committed, string exported)
    {
        var before = ExportedMetricsList.Comparable(committed).ToHashSet();
        var after = ExportedMetricsList.Comparable(exported).ToHashSet();
        return "exported, not in the list:\n  " + string.Join("\n  ", after.Except(before)) +
            "\nin the list, not exported:\n  " + string.Join("\n  ", before.Except(after));
    }
}
