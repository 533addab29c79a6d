using System.Net;
using System.Text;
using Frontend.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Platform.Testing.BadInput;

namespace Frontend.Tests;

/// <summary>The body size limit (413) and the per-client rate limit of /api (429 with Retry-After), both as problems.</summary>
public sealed class LimitsTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>
{
    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_naming_the_body()
    {
        using var client = fixture.CreateClient();
        var body = $$"""{"productId":"OLJCESPC7Z","quantity":1,"note":"{{new string('x', 65 * 1024)}}"}""";

        // Announced with Expect: 100-continue, so Kestrel's 413 comes before the body is sent (see BadInputTests).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cart/user-big/items") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 413 && answer.IsProblem, answer.ToString());
        Assert.Contains("body", answer.ErrorFields);
        Assert.Contains("65536 bytes", answer.Body);
    }

    [Fact]
    public async Task A_body_under_the_limit_is_accepted()
    {
        using var client = fixture.CreateClient();
        var body = $$"""{"productId":"OLJCESPC7Z","quantity":1,"note":"{{new string('x', 60 * 1024)}}"}""";

        using var response = await client.PostAsync($"/api/cart/user-{Guid.NewGuid():N}/items", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Over_the_rate_limit_the_api_answers_a_429_problem_with_retry_after()
    {
        await using var limited = fixture.CreateVariant(web => web
            .UseSetting("Frontend:RateLimit:PermitsPerSecond", "1")
            .UseSetting("Frontend:RateLimit:Burst", "3"));
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 6 && rejected is null; i++)
        {
            var response = await client.GetAsync("/api/products");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(rejected);
        using (rejected)
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
            var answer = await ProblemAnswer.ReadAsync(rejected);
            Assert.True(answer.IsProblem, answer.ToString());
            Assert.Contains("\"status\":429", answer.Body);
            var retryAfter = Assert.Single(rejected.Headers.GetValues("Retry-After"));
            Assert.InRange(int.Parse(retryAfter), 1, 5);
        }
    }

    [Fact]
    public async Task The_limit_refills_after_the_retry_after()
    {
        await using var limited = fixture.CreateVariant(web => web
            .UseSetting("Frontend:RateLimit:PermitsPerSecond", "1")
            .UseSetting("Frontend:RateLimit:Burst", "1"));
        using var client = limited.CreateClient();
        (await client.GetAsync("/api/products")).Dispose();
        using var rejected = await client.GetAsync("/api/products");
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(int.Parse(rejected.Headers.GetValues("Retry-After").Single())) + TimeSpan.FromMilliseconds(200));
        using var again = await client.GetAsync("/api/products");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task The_storefront_pages_are_not_rate_limited()
    {
        await using var limited = fixture.CreateVariant(web => web
            .UseSetting("Frontend:RateLimit:PermitsPerSecond", "1")
            .UseSetting("Frontend:RateLimit:Burst", "1"));
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task The_rate_limit_can_be_switched_off()
    {
        await using var unlimited = fixture.CreateVariant(web => web
            .UseSetting("Frontend:RateLimit:Enabled", "false")
            .UseSetting("Frontend:RateLimit:PermitsPerSecond", "1")
            .UseSetting("Frontend:RateLimit:Burst", "1"));
        using var client = unlimited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/api/products");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
