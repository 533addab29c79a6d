using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;

namespace Platform.Email.Tests;

/// <summary><c>POST /api/confirmations</c>: rendered, encoded, returned; <c>emailMemoryLeak</c> from the real OFREP test server.</summary>
/// <remarks>In one collection with the bad-input tests, so no other test class allocates while the heap is measured.</remarks>
[Collection(EmailApp.Collection)]
public sealed class ConfirmationsApiTests(EmailApp app) : IClassFixture<EmailApp>
{
    private sealed record ConfirmationDto(string From, string To, string Subject, string Html);

    private async Task<ConfirmationDto> ConfirmAsync(object order)
    {
        using var response = await app.Client.PostAsJsonAsync("/api/confirmations", order);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConfirmationDto>())!;
    }

    [Fact]
    public async Task The_confirmation_is_rendered_with_the_order_and_returned()
    {
        app.Flags.Set(FlagKeys.EmailMemoryLeak, 0);

        var confirmation = await ConfirmAsync(EmailApp.Order());

        Assert.Equal("someone@example.com", confirmation.To);
        Assert.Equal("orders@platform.example", confirmation.From);
        Assert.Equal("Your order order-1", confirmation.Subject);
        Assert.Contains("<td>OLJCESPC7Z</td><td>2</td><td>50.98 EUR</td>", confirmation.Html);
        Assert.Contains("Total: <strong>106.46 EUR</strong>", confirmation.Html);
        Assert.Contains("PLT-0123456789ABCDEF", confirmation.Html);
    }

    [Fact]
    public async Task User_data_is_HTML_encoded()
    {
        app.Flags.Set(FlagKeys.EmailMemoryLeak, 0);

        var confirmation = await ConfirmAsync(EmailApp.Order(street: "<script>alert(1)</script> & co", orderId: "\"><img src=x>"));

        Assert.DoesNotContain("<script>", confirmation.Html);
        Assert.DoesNotContain("<img", confirmation.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", confirmation.Html);
    }

    [Fact]
    public async Task The_leak_holds_the_flags_factor_in_copies_and_the_heap_grows_until_the_flag_goes_off()
    {
        app.Flags.Set(FlagKeys.EmailMemoryLeak, 0);
        var size = (await ConfirmAsync(EmailApp.Order())).Html.Length * sizeof(char);
        Assert.Equal(0, app.Leak.RetainedBytes);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        app.Flags.Set(FlagKeys.EmailMemoryLeak, 1000);
        for (var i = 0; i < 10; i++) await ConfirmAsync(EmailApp.Order());

        Assert.Equal(10L * 1000 * size, app.Leak.RetainedBytes);
        var grown = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Assert.True(grown >= 10L * 1000 * size * 8 / 10, $"the copies are live on the heap: it grew {grown} bytes, {10L * 1000 * size} held");

        app.Flags.Set(FlagKeys.EmailMemoryLeak, 0);
        await ConfirmAsync(EmailApp.Order());

        Assert.Equal(0, app.Leak.RetainedBytes);
    }

    [Fact]
    public async Task The_leak_stops_at_its_cap()
    {
        app.Flags.Set(FlagKeys.EmailMemoryLeak, 10_000);
        try
        {
            for (var i = 0; i < 20; i++) await ConfirmAsync(EmailApp.Order());

            Assert.InRange(app.Leak.RetainedBytes, EmailApp.Cap - 4096, EmailApp.Cap);
        }
        finally
        {
            app.Flags.Set(FlagKeys.EmailMemoryLeak, 0);
            await ConfirmAsync(EmailApp.Order());
        }
    }
}
