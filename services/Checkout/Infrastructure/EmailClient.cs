using System.Net.Http.Json;
using Platform.Checkout.Model;
using Platform.Checkout.Steps;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Infrastructure;

/// <summary>Typed client of Email (<c>services:email:http:0</c>): asks for the order confirmation, rendered but not sent.</summary>
public sealed class EmailClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Email;

    public Task SendConfirmationAsync(OrderContext order, CancellationToken cancellationToken)
    {
        var a = order.Request.Address!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/confirmations")
        {
            Content = JsonContent.Create(new
            {
                email = order.Request.Email,
                orderId = order.OrderId,
                items = order.Lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity, price = new Money(order.Currency, l.UnitPrice) }),
                shipping = new Money(order.Currency, order.ShippingCost),
                total = new Money(order.Currency, order.Total),
                trackingId = order.TrackingId,
                address = new { a.Street, a.City, a.State, a.Country, a.Zip },
            }),
        };
        return http.SendToServiceAsync(ServiceName, request, cancellationToken);
    }
}
