using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Payment.Tests.Infrastructure;

namespace Platform.Payment.Tests;

/// <summary>The store's one-hour retention seen through the HTTP API, with the service's clock moved by the test.</summary>
public sealed class ChargeRetentionTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Testing")
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<string> ChargeAsync()
    {
        var response = await _client.PostAsJsonAsync("/api/charges", Charges.Body());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ChargeResultDto>())!.TransactionId;
    }

    [Fact]
    public async Task Charge_can_be_voided_59_minutes_later()
    {
        var transactionId = await ChargeAsync();

        _clock.Advance(TimeSpan.FromMinutes(59));
        var response = await _client.PostAsync($"/api/charges/{transactionId}/void", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Charge_is_forgotten_after_an_hour()
    {
        var transactionId = await ChargeAsync();

        _clock.Advance(TimeSpan.FromMinutes(61));
        var response = await _client.PostAsync($"/api/charges/{transactionId}/void", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
