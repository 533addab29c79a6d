using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Payment.Infrastructure;
using Platform.Payment.Model;

namespace Platform.Payment.Apis;

/// <summary><c>/api/charges</c>: charge a card (simulated), void a charge. See the service README.</summary>
public static class ChargesApi
{
    /// <summary>The number flag (a rate 0..1) that makes charges fail at random.</summary>
    public const string FailureFlag = FlagKeys.PaymentFailure;

    public static IEndpointRouteBuilder MapChargesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/charges").WithTags("Charges");

        api.MapPost("", Charge).WithName(nameof(Charge)).WithSummary("Validates a card and charges it (simulated); fails at the paymentFailure rate.");
        api.MapPost("/{transactionId}/void", Void).WithName(nameof(Void)).WithSummary("Voids a charge made in the last hour; 404 if unknown, 409 if already voided.");

        return app;
    }

    public static async Task<Results<Ok<ChargeResponse>, ValidationProblem, ProblemHttpResult>> Charge(
        ChargeRequest? request, [AsParameters] ChargeServices services, CancellationToken cancellationToken)
    {
        var activity = Activity.Current;
        var charge = ChargeValidator.Validate(request, services.Time.GetUtcNow(), out var errors);
        if (charge is null)
        {
            activity?.SetTag("app.payment.card_valid", false);
            Log.ChargeRejected(services.Logger, string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors, title: "The charge request is invalid");
        }

        var cardType = charge.CardType.ToTagValue();
        activity?.SetTag("app.payment.card_valid", true);
        activity?.SetTag("app.payment.card_type", cardType);
        activity?.SetTag("app.payment.card_last_four", charge.LastFour);
        activity?.SetTag("app.payment.amount", (double)charge.Amount);
        activity?.SetTag("app.payment.currency", charge.Currency);
        var tags = new TagList { { "app.payment.card_type", cardType }, { "app.payment.currency", charge.Currency } };

        var rate = await services.Flags.GetDoubleAsync(FailureFlag, 0d, cancellationToken: cancellationToken);
        if (services.Failures.ShouldFail(rate))
        {
            var message = $"Payment failed: simulated failure ({FailureFlag}={rate.ToString(CultureInfo.InvariantCulture)})";
            var error = new InvalidOperationException(message);
            activity?.SetTag("app.payment.charged", false);
            activity?.AddException(error);
            activity?.SetStatus(ActivityStatusCode.Error, message);
            services.Telemetry.Failures.Add(1, tags);
            Log.ChargeFailed(services.Logger, charge.Amount, charge.Currency, cardType, charge.LastFour, rate, error);
            return TypedResults.Problem(detail: message, statusCode: StatusCodes.Status500InternalServerError, title: "Payment failed");
        }

        var transactionId = Guid.NewGuid().ToString();
        services.Store.Add(new StoredCharge(transactionId, charge.Amount, charge.Currency, cardType, charge.LastFour, services.Time.GetUtcNow()));
        activity?.SetTag("app.payment.charged", true);
        activity?.SetTag("app.payment.transaction.id", transactionId);
        services.Telemetry.Charges.Add(1, tags);
        services.Telemetry.Amount.Record((double)charge.Amount, tags);
        Log.ChargeSucceeded(services.Logger, charge.Amount, charge.Currency, cardType, charge.LastFour, transactionId);
        return TypedResults.Ok(new ChargeResponse(transactionId));
    }

    public static Results<Ok<VoidResponse>, ProblemHttpResult> Void(string transactionId, ChargeStore store, ILogger<ChargeStore> logger)
    {
        Activity.Current?.SetTag("app.payment.transaction.id", transactionId);
        var outcome = store.TryVoid(transactionId);
        switch (outcome)
        {
            case VoidOutcome.Voided:
                Log.ChargeVoided(logger, transactionId);
                return TypedResults.Ok(new VoidResponse(transactionId, "voided"));
            case VoidOutcome.AlreadyVoided:
                Log.VoidRefused(logger, transactionId, outcome);
                return TypedResults.Problem(detail: $"Transaction '{transactionId}' is already voided.", statusCode: StatusCodes.Status409Conflict, title: "Already voided");
            default:
                Log.VoidRefused(logger, transactionId, outcome);
                return TypedResults.Problem(detail: $"No charge '{transactionId}' in the last hour (unknown, expired or evicted).", statusCode: StatusCodes.Status404NotFound, title: "Charge not found");
        }
    }
}
