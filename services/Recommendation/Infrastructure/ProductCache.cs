using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Platform.Recommendation.Model;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Recommendation.Infrastructure;

/// <summary>
/// The catalogue read from ProductCatalog, reused for <see cref="RecommendationOptions.CatalogCacheDuration"/>
/// (one reader refreshes it at a time; a failed refresh keeps serving the copy it has, if any).
/// <para>
/// The <c>recommendationCacheFailure</c> incident: while the flag is on, each call adds
/// <see cref="RecommendationOptions.LeakCopiesPerCall"/> fresh copies of the catalogue to the cache, never
/// evicted, and every lookup scans them all, so memory and latency grow with every request (gauge
/// <c>app.recommendation.cache.size</c>, span <c>recommendation.cache.scan</c>). The first call with the flag
/// off releases every copy. The added entries stop at <see cref="RecommendationOptions.MaxLeakedEntries"/>.
/// </para>
/// </summary>
public sealed class ProductCache
{
    public const string MeterName = "Platform.Recommendation";
    public const string SizeGaugeName = "app.recommendation.cache.size";
    public const string ScanSpanName = "recommendation.cache.scan";

    private static readonly ActivitySource Source = new(MeterName);

    private readonly CatalogClient _catalog;
    private readonly IOptionsMonitor<RecommendationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProductCache> _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Lock _leakGate = new();
    private volatile Snapshot? _catalogue;
    private ImmutableList<Product[]> _leaked = [];
    private int _leakedCount;

    public ProductCache(CatalogClient catalog, IOptionsMonitor<RecommendationOptions> options, TimeProvider time, IMeterFactory meterFactory, ILogger<ProductCache> logger)
    {
        (_catalog, _options, _time, _logger) = (catalog, options, time, logger);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(SizeGaugeName, () => Size, "{entry}",
            "Entries in Recommendation's product cache (the catalogue, plus the copies recommendationCacheFailure leaks).");
    }

    /// <summary>Entries held now: the catalogue's products plus the leaked copies.</summary>
    public int Size => (_catalogue?.Products.Count ?? 0) + Volatile.Read(ref _leakedCount);

    /// <summary>Entries added by the leak and not yet released.</summary>
    public int LeakedCount => Volatile.Read(ref _leakedCount);

    /// <summary>The catalogue, from the cache while it is fresh.</summary>
    /// <exception cref="DownstreamException">The catalogue could not be read and no copy is held.</exception>
    public async Task<IReadOnlyList<Product>> GetCatalogueAsync(CancellationToken cancellationToken)
    {
        var current = _catalogue;
        if (current is not null && _time.GetUtcNow() < current.Expires)
        {
            return current.Products;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            current = _catalogue;
            if (current is not null && _time.GetUtcNow() < current.Expires)
            {
                return current.Products;
            }

            try
            {
                var products = await _catalog.GetProductsAsync(cancellationToken);
                _catalogue = new Snapshot(products, _time.GetUtcNow() + _options.CurrentValue.CatalogCacheDuration);
                Log.CatalogueRefreshed(_logger, products.Count);
                return products;
            }
            catch (DownstreamException e) when (current is not null)
            {
                Log.CatalogueStale(_logger, e.Detail);
                return current.Products;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The leak while <paramref name="leaking"/>: adds fresh copies of <paramref name="catalogue"/>; otherwise releases every copy.</summary>
    public void ApplyLeak(bool leaking, IReadOnlyList<Product> catalogue)
    {
        lock (_leakGate)
        {
            if (!leaking)
            {
                if (_leakedCount > 0)
                {
                    Log.CacheReleased(_logger, _leakedCount);
                    _leaked = [];
                    Volatile.Write(ref _leakedCount, 0);
                }

                return;
            }

            var options = _options.CurrentValue;
            var room = options.MaxLeakedEntries - _leakedCount;
            var count = Math.Min(room, options.LeakCopiesPerCall * catalogue.Count);
            if (count <= 0 || catalogue.Count == 0)
            {
                return;
            }

            var copies = new Product[count];
            for (var i = 0; i < count; i++)
            {
                var p = catalogue[i % catalogue.Count];
                // A distinct description string per copy, so the copies really hold memory.
                copies[i] = p with { Description = new string(p.Description.AsSpan()) };
            }

            _leaked = _leaked.Add(copies);
            Volatile.Write(ref _leakedCount, _leakedCount + count);
        }
    }

    /// <summary>Every entry of the cache, the leaked copies included, under a <c>recommendation.cache.scan</c> span.</summary>
    public IReadOnlyList<Product> Recommend(IReadOnlyList<Product> catalogue, IReadOnlyCollection<string> viewedIds)
    {
        ImmutableList<Product[]> leaked;
        lock (_leakGate)
        {
            leaked = _leaked;
        }

        using var scan = Source.StartActivity(ScanSpanName);
        var size = catalogue.Count + leaked.Sum(c => c.Length);
        scan?.SetTag("app.recommendation.cache.size", size);
        var entries = catalogue.Concat(leaked.SelectMany(c => c));
        return Recommender.Recommend(entries, viewedIds, _options.CurrentValue.MaxRecommendations, Random.Shared);
    }

    private sealed record Snapshot(IReadOnlyList<Product> Products, DateTimeOffset Expires);
}
