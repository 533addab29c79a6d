using Platform.Checkout.Infrastructure;
using Platform.Checkout.Model;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Steps;

/// <summary>Prices each cart line from ProductCatalog (<c>GET /api/products/{id}</c>), in the catalogue's currency.</summary>
public sealed class PriceItemsStep(CatalogClient catalog) : ICheckoutStep
{
    public string Name => "catalog";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        var lines = new List<PricedLine>(order.CartItems.Count);
        foreach (var item in order.CartItems)
        {
            ProductDto? product;
            try
            {
                product = await catalog.GetProductAsync(item.ProductId, cancellationToken);
            }
            catch (DownstreamException ex)
            {
                return StepFailure.Failed(ex, "catalog", $"The price of product {item.ProductId} could not be read.");
            }
            if (product is null)
            {
                return StepFailure.Invalid(new Dictionary<string, string[]> { ["cart"] = [$"Product {item.ProductId} in the cart is no longer sold."] }, "The cart holds an unknown product");
            }
            if (!string.Equals(product.Price.Currency, order.CatalogCurrency, StringComparison.OrdinalIgnoreCase))
            {
                // Conversion starts from the catalogue's currency; a price in another one is the catalogue's fault.
                return StepFailure.Own("catalog", StepFailure.ProblemOf(StatusCodes.Status502BadGateway, "Catalogue price in another currency",
                    $"Product {item.ProductId} is priced in {product.Price.Currency}, not the catalogue's {order.CatalogCurrency}.", CatalogClient.ServiceName));
            }
            lines.Add(new PricedLine(item.ProductId, item.Quantity, product.Price.Amount));
        }

        order.Lines = lines;
        order.Activity?.SetTag("app.order.items.count", lines.Count);
        return null;
    }
}
