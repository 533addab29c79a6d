using System.Net.Http.Json;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>Waits until one whole order goes through (every service up and connected) before a phase starts.</summary>
public static class Readiness
{
    public static async Task FirstOrderAsync(HttpClient shop, string productId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var userId = $"tp-ready-{Guid.NewGuid():N}";
            try
            {
                using var added = await shop.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId, quantity = 1 }, cancellationToken);
                using var placed = await shop.PostAsJsonAsync("/api/checkout", new
                {
                    userId,
                    email = "bench@example.com",
                    currency = "USD",
                    address = new { street = "1 Observatory Road", city = "Flagstaff", state = "AZ", country = "US", zip = "86001" },
                    card = new { number = "4432801561520454", cvv = "672", expirationMonth = 1, expirationYear = DateTime.UtcNow.Year + 3 },
                }, cancellationToken);
                if (added.IsSuccessStatusCode && placed.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // A service still starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No order went through within 2 minutes of the start.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}
