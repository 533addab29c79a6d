using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.ProductCatalog.Model;

namespace Platform.ProductCatalog.Infrastructure;

/// <summary>The catalogue file could not be read or breaks a rule; the message names the file and every problem.</summary>
public sealed class InvalidCatalogException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Loads and validates the catalogue file: a JSON array of products (camelCase, the API's shape).
/// Rules: at least one product; ids of ten upper-case letters or digits, unique (case-insensitive);
/// name, description and picture present; price amount positive; currency an ISO 4217 code
/// (three upper-case letters); at least one non-empty category.
/// </summary>
public static partial class CatalogFile
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static Catalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidCatalogException($"Product catalogue file '{path}' does not exist.");
        }

        List<ProductEntry?>? entries;
        try
        {
            using var stream = File.OpenRead(path);
            entries = JsonSerializer.Deserialize<List<ProductEntry?>>(stream, s_json);
        }
        catch (JsonException ex)
        {
            throw new InvalidCatalogException($"Product catalogue file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        var errors = new List<string>();
        var products = Validate(entries, errors);
        if (errors.Count > 0)
        {
            throw new InvalidCatalogException(
                $"Product catalogue file '{path}' is invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", errors)}");
        }

        return new Catalog(products);
    }

    private static List<Product> Validate(List<ProductEntry?>? entries, List<string> errors)
    {
        var products = new List<Product>();
        if (entries is null || entries.Count == 0)
        {
            errors.Add("it holds no products (expected a non-empty JSON array)");
            return products;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var at = $"product #{i} ({e?.Id ?? "no id"})";
            if (e is null)
            {
                errors.Add($"{at}: is null");
                continue;
            }

            var before = errors.Count;
            if (e.Id is null || !IdRegex().IsMatch(e.Id))
            {
                errors.Add($"{at}: id must be 10 upper-case letters or digits");
            }
            else if (!seen.Add(e.Id))
            {
                errors.Add($"{at}: duplicate id '{e.Id}'");
            }

            if (string.IsNullOrWhiteSpace(e.Name)) errors.Add($"{at}: name is required");
            if (string.IsNullOrWhiteSpace(e.Description)) errors.Add($"{at}: description is required");
            if (string.IsNullOrWhiteSpace(e.Picture)) errors.Add($"{at}: picture is required");
            if (e.Price is null)
            {
                errors.Add($"{at}: price is required");
            }
            else
            {
                if (e.Price.Amount is not > 0m) errors.Add($"{at}: price amount must be positive (was {e.Price.Amount?.ToString() ?? "missing"})");
                if (e.Price.Currency is null || !CurrencyRegex().IsMatch(e.Price.Currency))
                {
                    errors.Add($"{at}: price currency must be an ISO 4217 code of three upper-case letters (was '{e.Price.Currency}')");
                }
            }

            if (e.Categories is not { Count: > 0 } || e.Categories.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{at}: categories must be a non-empty list of non-empty names");
            }

            if (errors.Count == before)
            {
                products.Add(new Product(e.Id!, e.Name!, e.Description!, e.Picture!,
                    new Money(e.Price!.Currency!, e.Price.Amount!.Value), [.. e.Categories!]));
            }
        }

        return products;
    }

    [GeneratedRegex(Product.IdPattern)]
    private static partial Regex IdRegex();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyRegex();

    private sealed record ProductEntry(string? Id, string? Name, string? Description, string? Picture, PriceEntry? Price, List<string>? Categories);

    private sealed record PriceEntry(string? Currency, decimal? Amount);
}
