using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>Failures switched on by flags, and redelivered events, on the whole running Platform.</summary>
[Collection(SharedPlatform.Name)]
public sealed class FailureTests(PlatformFixture platform)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Payment_failure_at_100_percent_fails_checkout_clearly_and_stores_no_order()
    {
        using var shop = platform.Shop();
        var userId = $"e2e-{Guid.NewGuid():N}";
        await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);

        await platform.SetFlagAsync(FlagKeys.PaymentFailure, "100%");
        HttpResponseMessage response;
        try
        {
            response = await shop.CheckoutAsync(userId);
        }
        finally
        {
            await platform.SetFlagAsync(FlagKeys.PaymentFailure, "off");
        }

        // The shopper gets a problem that says what failed...
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("payment", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        // ...keeps the cart to try again, and no order exists anywhere.
        Assert.Single((await shop.GetCartAsync(userId)).GetProperty("items").EnumerateArray());
        Assert.Empty(platform.OrdersTopic.MessagesOfUser(userId));
        Assert.Equal(0, await platform.Orders.CountOrdersOfUserAsync(userId));
        // The incident is visible where an operator looks: an error span in payment.
        var failedCharge = await platform.Telemetry.WaitForSpanAsync(
            s => s.ServiceName == "payment" && s.Name == "POST /api/charges" && s.StatusCode == ReceivedSpan.StatusError, Eventually);
        Assert.NotNull(failedCharge);
    }

    [Fact]
    public async Task A_redelivered_order_event_is_stored_once()
    {
        using var shop = platform.Shop();
        var userId = $"e2e-{Guid.NewGuid():N}";
        await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);
        await shop.AddToCartAsync(userId, ShopApi.OtherProduct, 3);
        using var checkout = await shop.CheckoutAsync(userId);
        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
        var orderId = JsonDocument.Parse(await checkout.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!;
        Assert.NotNull(await platform.Orders.WaitForOrderAsync(orderId, Eventually));

        // Act: the same event again, as an at-least-once redelivery would bring it.
        var original = Assert.Single(platform.OrdersTopic.MessagesOf(orderId)).Message;
        var duplicate = await platform.OrdersTopic.RepublishAsync(original);

        // Accounting processed (committed) the duplicate, and stored nothing twice.
        Assert.True(await platform.OrdersTopic.WaitForCommitPastAsync("accounting", duplicate, Eventually), "accounting did not commit past the duplicate");
        Assert.Equal(1, await platform.Orders.CountOrderRowsAsync(orderId));
        Assert.Equal(2, await platform.Orders.CountItemRowsAsync(orderId));
    }

    [Fact]
    public async Task A_dashboard_flag_command_switches_the_flag_through_the_audited_admin_api()
    {
        var result = await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.FlagService, $"flag-{FlagKeys.CheckoutPeakMode}-on");
        try
        {
            Assert.True(result.Success, result.Message);
            using var flags = platform.App.CreateHttpClient(ResourceNames.FlagService);
            var all = JsonDocument.Parse(await flags.GetStringAsync("/api/flags")).RootElement;
            Assert.Equal("on", all.EnumerateArray().Single(f => f.GetProperty("key").GetString() == FlagKeys.CheckoutPeakMode).GetProperty("defaultVariant").GetString());
            var latest = JsonDocument.Parse(await flags.GetStringAsync("/api/flags/audit?limit=1")).RootElement[0];
            Assert.Equal((FlagKeys.CheckoutPeakMode, "off", "on", "api"),
                (latest.GetProperty("flag").GetString(), latest.GetProperty("old").GetString(), latest.GetProperty("new").GetString(), latest.GetProperty("via").GetString()));
        }
        finally
        {
            await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.FlagService, $"flag-{FlagKeys.CheckoutPeakMode}-off");
        }
    }
}
