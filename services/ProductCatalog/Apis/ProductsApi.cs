using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.ProductCatalog.Model;

namespace Platform.ProductCatalog.Apis;

/// <summary>
/// <c>/api/products</c>: list, get by id, search. See the service README for the contract.
/// </summary>
public static class ProductsApi
{
    /// <summary>The flag that fails <see cref="ProductCatalogOptions.FailingProductId"/>.</summary>
    public const string FailureFlag = FlagKeys.ProductCatalogFailure;

    /// <summary>Longer than any product's name or description: a longer term can match nothing.</summary>
    public const int MaxSearchTermLength = 200;

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/products").WithTags("Products");

        api.MapGet("/", ListProducts).WithName(nameof(ListProducts)).WithSummary("Lists every product of the catalogue.");
        api.MapGet("/search", SearchProducts).WithName(nameof(SearchProducts)).WithSummary("Finds products whose name, description or category contains q (case-insensitive).");
        api.MapGet("/{id}", GetProduct).WithName(nameof(GetProduct)).WithSummary("Gets one product by id; 404 problem if unknown.");

        return app;
    }

    public static Ok<IReadOnlyList<Product>> ListProducts(Catalog catalog)
    {
        Activity.Current?.SetTag("app.products.count", catalog.Products.Count);
        return TypedResults.Ok(catalog.Products);
    }

    public static Results<Ok<IReadOnlyList<Product>>, ValidationProblem> SearchProducts(string? q, Catalog catalog, ILogger<Catalog> logger)
    {
        var term = q?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["q"] = ["A search term is required: /api/products/search?q=telescope"] });
        }

        if (term.Length > MaxSearchTermLength)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["q"] = [$"A search term has at most {MaxSearchTermLength} characters."] });
        }

        var found = catalog.Search(term);
        Activity.Current?.SetTag("app.products.count", found.Count);
        Log.ProductsSearched(logger, term, found.Count);
        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<Product>, ProblemHttpResult>> GetProduct(string id, [AsParameters] ProductServices services, CancellationToken cancellationToken)
    {
        var activity = Activity.Current;
        activity?.SetTag("app.product.id", id);

        var failingId = services.Options.Value.FailingProductId;
        if (string.Equals(id, failingId, StringComparison.OrdinalIgnoreCase)
            && await services.Flags.GetBooleanAsync(FailureFlag, false, cancellationToken: cancellationToken))
        {
            var message = $"Product catalog failure flag is on for product {failingId}";
            var error = new InvalidOperationException(message);
            activity?.AddException(error);
            activity?.SetStatus(ActivityStatusCode.Error, message);
            Log.ProductCatalogFailure(services.Logger, failingId, error);
            return TypedResults.Problem(detail: message, statusCode: StatusCodes.Status500InternalServerError, title: "Product catalog failure");
        }

        var product = services.Catalog.Find(id);
        if (product is null)
        {
            Log.ProductNotFound(services.Logger, id);
            return TypedResults.Problem(detail: $"No product with id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Product not found");
        }

        return TypedResults.Ok(product);
    }
}
