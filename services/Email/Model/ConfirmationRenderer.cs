using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;

namespace Platform.Email.Model;

/// <summary>
/// Renders the order confirmation as HTML. Everything that came from the request (the shopper's
/// address, ids, the e-mail) goes through <see cref="HtmlEncoder"/>, so a street named
/// <c>&lt;script&gt;</c> is shown as text, never run by a mail client.
/// </summary>
public sealed class ConfirmationRenderer(IOptions<EmailOptions> options)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Renders a request that passed <see cref="ConfirmationValidator"/>.</summary>
    public Confirmation Render(ConfirmationRequest request)
    {
        var body = new StringBuilder(1024);
        body.Append("<!DOCTYPE html><html><body><h1>Thank you for your order</h1>");
        body.Append("<p>Order <strong>").Append(Html.Encode(request.OrderId!)).Append("</strong></p>");
        body.Append("<table><thead><tr><th>Product</th><th>Quantity</th><th>Unit price</th></tr></thead><tbody>");
        foreach (var line in request.Items!)
        {
            body.Append("<tr><td>").Append(Html.Encode(line!.ProductId!)).Append("</td><td>")
                .Append(line.Quantity!.Value.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(Format(line.Price!)).Append("</td></tr>");
        }
        body.Append("</tbody></table>");
        body.Append("<p>Shipping: ").Append(Format(request.Shipping!)).Append("</p>");
        body.Append("<p>Total: <strong>").Append(Format(request.Total!)).Append("</strong></p>");
        var a = request.Address!;
        body.Append("<p>Ships to:<br>").Append(Html.Encode(a.Street!)).Append("<br>")
            .Append(Html.Encode(a.City!)).Append(", ").Append(Html.Encode(a.State!)).Append(' ').Append(Html.Encode(a.Zip!)).Append("<br>")
            .Append(Html.Encode(a.Country!)).Append("</p>");
        body.Append("<p>Tracking id: ").Append(Html.Encode(request.TrackingId!)).Append("</p></body></html>");

        return new Confirmation(options.Value.From, request.Email!, $"Your order {request.OrderId}", body.ToString());
    }

    private static string Format(MoneyInput money) =>
        $"{money.Amount!.Value.ToString("#,##0.00", CultureInfo.InvariantCulture)} {Html.Encode(money.Currency!)}";
}
