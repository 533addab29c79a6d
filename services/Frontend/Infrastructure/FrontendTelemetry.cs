using System.Diagnostics;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>Span tag names the frontend sets on the current (server) span.</summary>
public static class FrontendTelemetry
{
    public const string UserId = "app.user.id";
    public const string ProductId = "app.product.id";
    public const string OrderId = "app.order.id";
    public const string CartItemCount = "app.cart.items.count";

    public static void Tag(string name, object? value) => Activity.Current?.SetTag(name, value);

    /// <summary>Marks the current span failed by a downstream call, as the conventions ask.</summary>
    public static void RecordFailure(DownstreamException e)
    {
        var activity = Activity.Current;
        if (activity is null)
        {
            return;
        }

        activity.AddException(e);
        activity.SetStatus(ActivityStatusCode.Error, e.Message);
    }
}
