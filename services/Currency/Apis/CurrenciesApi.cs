using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Currency.Model;

namespace Platform.Currency.Apis;

/// <summary><c>/api/currencies</c>: the supported currencies, and conversion between them. See the service README.</summary>
public static class CurrenciesApi
{
    /// <summary>The largest convertible amount: far beyond any order, far below decimal's limits after multiplying by a rate.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static IEndpointRouteBuilder MapCurrenciesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/currencies").WithTags("Currencies");
        api.MapGet("", GetCurrencies).WithName(nameof(GetCurrencies)).WithSummary("The supported ISO 4217 codes and the date of the rate table.");
        api.MapPost("/convert", Convert).WithName(nameof(Convert)).WithSummary("Converts an amount between two supported currencies.");
        return app;
    }

    public static Ok<CurrenciesResponse> GetCurrencies(RateTable rates) =>
        TypedResults.Ok(new CurrenciesResponse([.. rates.Rates.Keys.Order(StringComparer.Ordinal)], rates.Base, rates.Date));

    public static Results<Ok<ConversionResponse>, ValidationProblem> Convert(ConversionRequest? request, RateTable rates, ILogger<RateTable> logger)
    {
        var errors = Validate(request, rates);
        if (errors.Count > 0)
        {
            Log.ConversionRejected(logger, string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors, title: "The conversion request is invalid");
        }

        var (amount, from, to) = (request!.From!.Amount!.Value, request.From.Currency!, request.To!);
        var result = rates.Convert(amount, from, to);
        var activity = Activity.Current;
        activity?.SetTag("app.currency.conversion.from", from);
        activity?.SetTag("app.currency.conversion.to", to);
        Log.Converted(logger, amount, from, result, to);
        return TypedResults.Ok(new ConversionResponse(new Money(to, result), rates.Date));
    }

    /// <summary>Every broken rule under its JSON path: <c>from</c>, <c>from.amount</c>, <c>from.currency</c>, <c>to</c>, <c>body</c>.</summary>
    private static Dictionary<string, string[]> Validate(ConversionRequest? request, RateTable rates)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON body { from: { currency, amount }, to } is required."];
            return errors;
        }

        if (request.From is null)
        {
            errors["from"] = ["is required: { \"currency\": \"USD\", \"amount\": 12.34 }"];
        }
        else
        {
            if (request.From.Amount is not { } amount || amount < 0 || amount > MaxAmount)
            {
                errors["from.amount"] = [$"must be a number from 0 to {MaxAmount:0}"];
            }
            CheckCode(errors, "from.currency", request.From.Currency, rates);
        }

        CheckCode(errors, "to", request.To, rates);
        return errors;
    }

    private static void CheckCode(Dictionary<string, string[]> errors, string field, string? code, RateTable rates)
    {
        if (code is null || !rates.Supports(code))
        {
            errors[field] = [$"must be a supported currency code: {string.Join(", ", rates.Rates.Keys.Order(StringComparer.Ordinal))}"];
        }
    }
}
