using Platform.Checkout.Infrastructure;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Steps;

/// <summary>Reads the shopper's cart (<c>GET /api/cart/{userId}</c>); an empty cart is the shopper's 400.</summary>
public sealed class ReadCartStep(CartClient cart) : ICheckoutStep
{
    public string Name => "cart";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await cart.GetCartAsync(order.UserId, cancellationToken);
            order.CartItems = [.. answer.Items.Where(i => i.Quantity > 0)];
        }
        catch (DownstreamException ex)
        {
            return StepFailure.Failed(ex, "cart", "Your cart could not be read.");
        }

        return order.CartItems.Count == 0
            ? StepFailure.Invalid(new Dictionary<string, string[]> { ["cart"] = ["The cart is empty."] }, "cart is empty")
            : null;
    }
}
