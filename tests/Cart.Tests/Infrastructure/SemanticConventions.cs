using System.Runtime.CompilerServices;

namespace Platform.Cart.Tests.Infrastructure;

/// <summary>
/// OpenTelemetry's StackExchange.Redis instrumentation reads its semantic-convention switch from the
/// process environment only. The tests run the cart as it is deployed: stable database conventions
/// (<c>db.system.name</c>, <c>server.address</c>) beside the older ones (<c>db.system</c>).
/// </summary>
internal static class SemanticConventions
{
    public const string OptInVariable = "OTEL_SEMCONV_STABILITY_OPT_IN";

    [ModuleInitializer]
    internal static void OptIn()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OptInVariable)))
        {
            Environment.SetEnvironmentVariable(OptInVariable, "database/dup");
        }
    }
}
