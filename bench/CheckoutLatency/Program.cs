// Starts the whole Platform through the testing API (the AppHost's model, free ports, a temporary
// data directory), then places N orders through the storefront's JSON API, one after another, and
// prints the latency of POST /api/checkout (median, p95, max) and of the add-to-cart before it.
// A checkout's latency covers cart, catalogue, payment, Kafka's acknowledgement (acks=all) and
// emptying the cart. Usage: dotnet run --project bench/CheckoutLatency [-- orders]   (default 50)
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;

var orders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
const int Warmup = 5; // JIT and connection set-up; not counted

var dataDirectory = Path.Combine(Path.GetTempPath(), "bench-checkout-" + Guid.NewGuid().ToString("N"));
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"--LocalServers:DataDirectory={dataDirectory}", "--LoadGenerator:Enabled=false"]);
await using var app = await builder.BuildAsync();
using (var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
{
    await app.StartAsync(startTimeout.Token);
    // Parameters and the hidden resources Aspire adds (a project's -rebuilder) never turn healthy.
    var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .Where(r => r is not ParameterResource)
        .Where(r => !app.ResourceNotifications.TryGetCurrentState(r.Name, out var state) || !state.Snapshot.IsHidden);
    await Task.WhenAll(resources.Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, startTimeout.Token)));
}

using var shop = app.CreateHttpClient(ResourceNames.Frontend);
shop.Timeout = TimeSpan.FromSeconds(30);
var checkoutMs = new List<double>();
var addMs = new List<double>();
for (var i = 0; i < orders + Warmup; i++)
{
    var userId = $"bench-{Guid.NewGuid():N}";
    var clock = Stopwatch.StartNew();
    using (var add = await shop.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "66VCHSJNUP", quantity = 1 }))
    {
        add.EnsureSuccessStatusCode();
    }

    var added = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    using (var checkout = await shop.PostAsJsonAsync("/api/checkout", new
    {
        userId,
        email = "bench@example.com",
        currency = "USD",
        address = new { street = "1 Observatory Road", city = "Flagstaff", state = "AZ", country = "US", zip = "86001" },
        card = new { number = "4432801561520454", cvv = "672", expirationMonth = 1, expirationYear = DateTime.UtcNow.Year + 3 },
    }))
    {
        checkout.EnsureSuccessStatusCode();
    }

    if (i >= Warmup)
    {
        checkoutMs.Add(clock.Elapsed.TotalMilliseconds);
        addMs.Add(added);
    }
}

try
{
    Directory.Delete(dataDirectory, recursive: true);
}
catch (IOException)
{
    // A server still stopping; the directory is in /tmp.
}

Console.WriteLine($"{orders} orders, one at a time, through the storefront's /api on the whole Platform (loopback):");
Print("POST /api/checkout", checkoutMs);
Print("POST /api/cart/{userId}/items", addMs);

static void Print(string what, List<double> samples)
{
    samples.Sort();
    double At(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-32} median {At(0.5),7:F1} ms   p95 {At(0.95),7:F1} ms   max {samples[^1],7:F1} ms"));
}
