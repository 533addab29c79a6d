using System.Text.Json;
using Platform.Ad.Model;

namespace Platform.Ad.Infrastructure;

/// <summary>Reads the ad table once at start and checks it: a broken table stops the start instead of serving broken ads.</summary>
public static class AdTableLoader
{
    public static AdTable Load(string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        List<Model.Ad?>? ads;
        try
        {
            ads = JsonSerializer.Deserialize<List<Model.Ad?>>(File.ReadAllBytes(full), JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The ad table '{full}' cannot be read: {ex.Message}", ex);
        }

        if (ads is not { Count: > 0 }) throw Invalid(full, "it has no ads");
        for (var i = 0; i < ads.Count; i++)
        {
            var ad = ads[i];
            if (ad is null || string.IsNullOrWhiteSpace(ad.Category) || string.IsNullOrWhiteSpace(ad.Text))
                throw Invalid(full, $"ad {i} needs a category and a text");
            // Storefront-relative only: an ad never sends a shopper to another site.
            if (ad.RedirectUrl is null || !ad.RedirectUrl.StartsWith('/') || ad.RedirectUrl.StartsWith("//", StringComparison.Ordinal))
                throw Invalid(full, $"ad {i}'s redirectUrl must be a path of the storefront (/products/...)");
        }

        return new AdTable(ads!);
    }

    private static InvalidOperationException Invalid(string path, string why) => new($"The ad table '{path}' is invalid: {why}.");
}
