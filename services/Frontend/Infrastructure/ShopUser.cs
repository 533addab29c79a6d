using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Frontend.Infrastructure;

/// <summary>
/// The anonymous shopper of the storefront pages, identified by the <c>shop_user</c> cookie: a
/// random id made on the first visit (HttpOnly, SameSite=Lax, Secure over HTTPS). A handler gets
/// it as a parameter; binding it also tags the current span with <c>app.user.id</c>.
/// </summary>
public sealed record ShopUser(string Id)
{
    public const string CookieName = "shop_user";
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    /// <summary>Minimal API parameter binding: reads the cookie or makes a new id and sets it.</summary>
    public static ValueTask<ShopUser?> BindAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(ShopUser), out var existing) && existing is ShopUser known)
        {
            return ValueTask.FromResult<ShopUser?>(known);
        }

        var id = context.Request.Cookies[CookieName];
        if (!IsValidId(id))
        {
            id = Guid.NewGuid().ToString("N");
            context.Response.Cookies.Append(CookieName, id, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                Path = "/",
                MaxAge = CookieLifetime,
            });
        }

        var user = new ShopUser(id!);
        context.Items[typeof(ShopUser)] = user;
        Activity.Current?.SetTag(FrontendTelemetry.UserId, user.Id);
        return ValueTask.FromResult<ShopUser?>(user);
    }

    /// <summary>Ids this frontend makes are 32 hex digits; anything else in the cookie is replaced.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
