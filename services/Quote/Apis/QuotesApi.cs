using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Quote.Model;

namespace Platform.Quote.Apis;

/// <summary><c>/api/quotes</c>: the price of shipping a number of items. See the service README.</summary>
public static class QuotesApi
{
    public static IEndpointRouteBuilder MapQuotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/quotes").WithTags("Quotes");
        api.MapPost("", GetQuote).WithName(nameof(GetQuote)).WithSummary("Prices shipping for an item count: base cost + cost per item.");
        return app;
    }

    public static Results<Ok<QuoteResponse>, ValidationProblem> GetQuote(QuoteRequest? request, QuoteCalculator calculator, ILogger<QuoteCalculator> logger)
    {
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON body { \"itemCount\": 3 } is required."] });
        }
        if (request.ItemCount is not (>= 1 and <= QuoteCalculator.MaxItemCount))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["itemCount"] = [$"must be a whole number from 1 to {QuoteCalculator.MaxItemCount}"] },
                title: "The quote request is invalid");
        }

        var quote = calculator.Price(request.ItemCount.Value);
        var activity = Activity.Current;
        activity?.SetTag("app.shipping.items.count", quote.ItemCount);
        activity?.SetTag("app.shipping.cost.total", (double)quote.Cost);
        Log.Quoted(logger, quote.ItemCount, quote.Cost, quote.Currency);
        return TypedResults.Ok(quote);
    }
}
