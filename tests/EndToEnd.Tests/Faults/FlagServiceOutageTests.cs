using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Faults;

/// <summary>
/// FlagService stops (the dashboard's Stop command): every service falls back to its flags' defaults and
/// the shop keeps selling.
/// </summary>
[Collection(WholeSystem.Name)]
public sealed class FlagServiceOutageTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    // Flags:CacheDuration is 1 s: after twice that no service holds a value FlagService gave it.
    private static readonly TimeSpan CachedFlagsExpire = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task With_flagservice_stopped_a_purchase_succeeds_on_the_flag_defaults()
    {
        // paymentFailure at 100% in FlagService: any purchase that still sees it fails. Its default is 0.
        await platform.SetFlagAsync(FlagKeys.PaymentFailure, "100%");
        using var shop = platform.Shop();
        var userId = $"e2e-{Guid.NewGuid():N}";
        await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);

        await platform.App.StopResourceAsync(ResourceNames.FlagService);
        HttpResponseMessage checkout;
        try
        {
            await Task.Delay(CachedFlagsExpire);
            await shop.AddToCartAsync(userId, ShopApi.OtherProduct, 2);
            checkout = await shop.CheckoutAsync(userId);
        }
        finally
        {
            await platform.App.StartResourceAsync(ResourceNames.FlagService);
            await platform.SetFlagAsync(FlagKeys.PaymentFailure, "off");
        }

        using (checkout)
        {
            var body = await checkout.Content.ReadAsStringAsync();
            Assert.True(checkout.StatusCode == HttpStatusCode.OK, $"checkout → {(int)checkout.StatusCode}: {body}");
            var orderId = JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString()!;
            var stored = await platform.Orders.WaitForOrderAsync(orderId, Eventually);
            Assert.NotNull(stored);
            Assert.Equal(2, stored.Items.Count);
        }
    }
}
