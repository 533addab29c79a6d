using Frontend.Model;
using Microsoft.AspNetCore.Antiforgery;

namespace Frontend.Views;

/// <summary>What the cart page shows: the lines, the checkout form (with what the user typed) and an error if any.</summary>
public sealed record CartPageModel(IReadOnlyList<CartLine> Lines, CheckoutForm Form, AntiforgeryTokenSet Tokens, PageError? Error = null)
{
    /// <summary>The cart could not be read: only the error and the "Empty cart" form are shown.</summary>
    public bool Unavailable { get; init; }

    /// <summary>The header's currency selector; the checkout form places the order in its selected currency.</summary>
    public CurrencyChoice? Currency { get; init; }

    public Money Total => Lines.Aggregate(Money.Zero(Lines.Count > 0 ? Lines[0].Product.Price.Currency : "USD"),
        (sum, line) => sum.Plus(line.LineTotal));
}

/// <summary>The cart page (with the checkout form) and the order confirmation page.</summary>
public static class CartViews
{
    public static Html Cart(CartPageModel model) => Layout.Page("Your cart", Html.Of($"""
        <h1>Your cart</h1>
        {Layout.ErrorBox(model.Error)}
        {(model.Unavailable ? EmptyCartForm(model.Tokens) : model.Lines.Count == 0 ? EmptyCart() : CartContents(model))}
        """), model.Currency);

    private static Html EmptyCart() => Html.Raw("""
        <p class="empty-cart">Your cart is empty.</p>
        <p><a class="button" href="/">Continue shopping</a></p>
        """);

    private static Html CartContents(CartPageModel model) => Html.Of($"""
        <table class="cart">
          <thead><tr><th>Product</th><th class="num">Quantity</th><th class="num">Unit price</th><th class="num">Total</th></tr></thead>
          <tbody>
          {model.Lines.Select(CartRow)}
          </tbody>
          <tfoot><tr><th colspan="3">Total</th><td class="num total">{Format.Money(model.Total)}</td></tr></tfoot>
        </table>
        {EmptyCartForm(model.Tokens)}
        {CheckoutFormView(model.Form, model.Tokens, model.Total.Currency)}
        """);

    private static Html EmptyCartForm(AntiforgeryTokenSet tokens) => Html.Of($"""
        <form method="post" action="/cart/empty" class="empty-cart-form">
          {Layout.AntiforgeryField(tokens)}
          <button type="submit" class="secondary">Empty cart</button>
        </form>
        """);

    private static Html CartRow(CartLine line) => Html.Of($"""
        <tr>
          <td><a href="{Format.ProductUrl(line.Product.Id)}"><img src="{Format.PictureUrl(line.Product.Picture)}" alt="" width="48" height="36"> {line.Product.Name}</a></td>
          <td class="num">{line.Quantity}</td>
          <td class="num">{Format.Money(line.Product.Price)}</td>
          <td class="num">{Format.Money(line.LineTotal)}</td>
        </tr>
        """);

    /// <remarks>The order is placed in <paramref name="currency"/>, the one the cart is shown in.</remarks>
    private static Html CheckoutFormView(CheckoutForm form, AntiforgeryTokenSet tokens, string currency) => Html.Of($"""
        <form method="post" action="/checkout" class="checkout">
          {Layout.AntiforgeryField(tokens)}
          <input type="hidden" name="currency" value="{currency}">
          <h2>Checkout</h2>
          <fieldset>
            <legend>Shipping</legend>
            {Field("email", "E-mail", form.Email, "email", "email")}
            {Field("street", "Street address", form.Street, autocomplete: "street-address")}
            {Field("city", "City", form.City, autocomplete: "address-level2")}
            {Field("state", "State", form.State, autocomplete: "address-level1")}
            {Field("country", "Country", form.Country, autocomplete: "country-name")}
            {Field("zip", "Zip code", form.Zip, autocomplete: "postal-code")}
          </fieldset>
          <fieldset>
            <legend>Payment</legend>
            {Field("cardNumber", "Card number", form.CardNumber, autocomplete: "cc-number")}
            {Field("cvv", "CVV", form.Cvv, autocomplete: "cc-csc")}
            {Field("expirationMonth", "Expiration month", form.ExpirationMonth, "number", "cc-exp-month")}
            {Field("expirationYear", "Expiration year", form.ExpirationYear, "number", "cc-exp-year")}
          </fieldset>
          <button type="submit">Place order</button>
        </form>
        """);

    private static Html Field(string name, string label, string? value, string type = "text", string autocomplete = "on") => Html.Of($"""
        <p class="field"><label for="{name}">{label}</label><input id="{name}" name="{name}" type="{type}" value="{value}" autocomplete="{autocomplete}" required></p>
        """);

    public static Html Order(OrderConfirmation confirmation) => Layout.Page("Order confirmed", Html.Of($"""
        <section class="order">
          <h1>Thank you! Your order is placed.</h1>
          <p>Order id: <strong class="order-id">{confirmation.Order.OrderId}</strong></p>
          <p>A confirmation goes to {confirmation.Email}.</p>
          <table class="cart">
            <thead><tr><th>Product</th><th class="num">Quantity</th><th class="num">Unit price</th><th class="num">Total</th></tr></thead>
            <tbody>
            {confirmation.Order.Items.Select(item => OrderRow(item, confirmation.ProductNames))}
            </tbody>
            <tfoot><tr><th colspan="3">Total</th><td class="num total">{Format.Money(confirmation.Order.Total)}</td></tr></tfoot>
          </table>
          <p><a class="button" href="/">Continue shopping</a></p>
        </section>
        """));

    private static Html OrderRow(OrderItem item, IReadOnlyDictionary<string, string> names) => Html.Of($"""
        <tr>
          <td><a href="{Format.ProductUrl(item.ProductId)}">{names.GetValueOrDefault(item.ProductId, item.ProductId)}</a></td>
          <td class="num">{item.Quantity}</td>
          <td class="num">{Format.Money(item.Price)}</td>
          <td class="num">{Format.Money(item.Price.Times(item.Quantity))}</td>
        </tr>
        """);
}
