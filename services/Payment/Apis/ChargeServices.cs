using Microsoft.AspNetCore.Mvc;
using Platform.Payment.Infrastructure;
using Platform.ServiceDefaults.Flags;

namespace Platform.Payment.Apis;

/// <summary>What the charge handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed record ChargeServices(
    [FromServices] ChargeStore Store,
    [FromServices] IFeatureFlags Flags,
    [FromServices] FailureSimulator Failures,
    [FromServices] PaymentTelemetry Telemetry,
    [FromServices] TimeProvider Time,
    [FromServices] ILogger<ChargeServices> Logger);
