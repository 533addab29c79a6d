using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Email.Infrastructure;
using Platform.Testing;

namespace Platform.Email.Tests;

/// <summary>
/// Email in memory (WebApplicationFactory) asking a real OFREP test server for <c>emailMemoryLeak</c>
/// on every request (flag cache off), with the leak capped at 64 MiB. One per test class.
/// </summary>
public sealed class EmailApp : IAsyncLifetime
{
    public const long Cap = 64L * 1024 * 1024;

    /// <summary>The Email test classes run one after the other (the leak test measures the process's heap).</summary>
    public const string Collection = "email";

    private WebApplicationFactory<Program>? _factory;

    public FakeFlagService Flags { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ConfirmationLeak Leak => _factory!.Services.GetRequiredService<ConfirmationLeak>();

    public async Task InitializeAsync()
    {
        Flags = await FakeFlagService.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .UseFakeFlagService(Flags)
            .UseSetting("Flags:CacheDuration", "00:00:00")
            .UseSetting("Email:MaxRetainedBytes", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Client = _factory.CreateClient();
    }

    public static object Order(string street = "1 Main St", string orderId = "order-1") => new
    {
        email = "someone@example.com",
        orderId,
        items = new[] { new { productId = "OLJCESPC7Z", quantity = 2, price = new { currency = "EUR", amount = 50.98m } } },
        shipping = new { currency = "EUR", amount = 4.50m },
        total = new { currency = "EUR", amount = 106.46m },
        trackingId = "PLT-0123456789ABCDEF",
        address = new { street, city = "Springfield", state = "IL", country = "United States", zip = "62701" },
    };

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (Flags is not null) await Flags.DisposeAsync();
    }
}
