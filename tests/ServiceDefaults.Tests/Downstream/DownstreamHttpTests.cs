using Platform.ServiceDefaults.Downstream;

namespace ServiceDefaults.Tests.Downstream;

/// <summary>The one table (README "Downstream failures") over real HTTP to a real peer, with no resilience handler in between.</summary>
public sealed class DownstreamHttpTests(DownstreamPeer peer) : IClassFixture<DownstreamPeer>
{
    private const string Service = "cart";

    private HttpClient Client(TimeSpan? timeout = null, Uri? address = null) => new()
    {
        BaseAddress = address ?? peer.Address,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    private static Task<Thing> Get(HttpClient http, string path, CancellationToken ct = default) =>
        http.SendToServiceAsync<Thing>(Service, new HttpRequestMessage(HttpMethod.Get, path), ct);

    [Fact]
    public async Task A_success_is_read_as_json()
    {
        using var http = Client();

        var thing = await Get(http, "/ok");

        Assert.Equal(new Thing("a", 1), thing);
    }

    [Theory]
    [InlineData("/invalid", 400, DownstreamFailure.Rejected, 400)]
    [InlineData("/missing", 404, DownstreamFailure.Rejected, 404)]
    [InlineData("/conflict", 409, DownstreamFailure.Rejected, 409)]
    [InlineData("/forbidden", 502, DownstreamFailure.Failed, 403)]
    [InlineData("/too-many", 503, DownstreamFailure.Unavailable, 429)]
    [InlineData("/failing", 502, DownstreamFailure.Failed, 500)]
    [InlineData("/failing-plain", 502, DownstreamFailure.Failed, 500)]
    [InlineData("/unavailable", 503, DownstreamFailure.Unavailable, 503)]
    [InlineData("/gateway-timeout", 504, DownstreamFailure.TimedOut, 504)]
    [InlineData("/garbage", 502, DownstreamFailure.Failed, 200)]
    [InlineData("/wrong-shape", 502, DownstreamFailure.Failed, 200)]
    [InlineData("/null", 502, DownstreamFailure.Failed, 200)]
    public async Task An_answer_maps_to_the_status_of_the_table_and_names_the_service(string path, int status, DownstreamFailure failure, int serviceStatus)
    {
        using var http = Client();

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, path));

        Assert.Equal((status, failure, serviceStatus), (error.StatusCode, error.Failure, error.ServiceStatusCode));
        Assert.Equal(status, error.Problem.Status);
        Assert.Equal(Service, error.Problem.Extensions[DownstreamFailures.ServiceExtension]);
        Assert.Equal(serviceStatus, error.Problem.Extensions[DownstreamFailures.ServiceStatusExtension]);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem.Detail));
        Assert.False(string.IsNullOrWhiteSpace(error.Problem.Title));
    }

    [Fact]
    public async Task A_validation_problem_is_passed_on_with_its_title_detail_and_field_errors()
    {
        using var http = Client();

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/invalid"));

        Assert.Equal("Invalid item", error.Problem.Title);
        Assert.Equal("The item is not valid.", error.Detail);
        Assert.Equal(["The quantity must be between 1 and 100."], error.Errors["quantity"]);
    }

    [Fact]
    public async Task A_5xx_problem_becomes_502_keeping_the_services_words()
    {
        using var http = Client();

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/failing"));

        Assert.Equal("Cart failure", error.Problem.Title);
        Assert.Equal("Simulated cart failure (cartFailure).", error.Detail);
        Assert.Empty(error.Errors);
    }

    [Fact]
    public async Task A_5xx_without_problem_details_says_what_the_service_answered()
    {
        using var http = Client();

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/failing-plain"));

        Assert.Equal("cart answered 500 Internal Server Error without problem details.", error.Detail);
        Assert.Equal("cart failed", error.Problem.Title);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_502_saying_so()
    {
        using var http = Client();

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/garbage"));

        Assert.StartsWith("cart answered 200 with a body that is not", error.Detail);
    }

    [Fact]
    public async Task An_answer_cut_off_by_the_service_is_a_502_without_a_service_status()
    {
        using var http = Client();

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/cut"));

        Assert.Equal((502, DownstreamFailure.Failed, (int?)null), (error.StatusCode, error.Failure, error.ServiceStatusCode));
        Assert.False(error.Problem.Extensions.ContainsKey(DownstreamFailures.ServiceStatusExtension));
        Assert.IsType<HttpRequestException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task An_address_where_nothing_listens_is_a_503_naming_the_service()
    {
        using var http = Client(address: peer.ClosedAddress);

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/ok"));

        Assert.Equal((503, DownstreamFailure.Unavailable, (int?)null), (error.StatusCode, error.Failure, error.ServiceStatusCode));
        Assert.Equal("cart is unavailable", error.Problem.Title);
        Assert.StartsWith("cart cannot be reached (", error.Detail);
        Assert.Equal(Service, error.Problem.Extensions[DownstreamFailures.ServiceExtension]);
    }

    [Fact]
    public async Task No_answer_within_the_clients_timeout_is_a_504()
    {
        using var http = Client(timeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/slow"));

        Assert.Equal((504, DownstreamFailure.TimedOut), (error.StatusCode, error.Failure));
        Assert.StartsWith("cart did not answer in time", error.Detail);
    }

    [Fact]
    public async Task Our_callers_cancellation_stays_a_cancellation()
    {
        using var http = Client();
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Get(http, "/slow", caller.Token));

        Assert.Equal(caller.Token, error.CancellationToken);
    }

    [Fact]
    public async Task A_problem_written_from_the_exception_keeps_status_and_service_with_new_words()
    {
        using var http = Client();
        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/invalid"));

        var problem = error.ToProblemDetails(detail: "Your cart could not be changed.");

        Assert.Equal(400, problem.Status);
        Assert.Equal("Your cart could not be changed.", problem.Detail);
        Assert.Equal(Service, problem.Extensions[DownstreamFailures.ServiceExtension]);
        Assert.True(((Microsoft.AspNetCore.Http.HttpValidationProblemDetails)problem).Errors.ContainsKey("quantity"));
    }
}
