using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.LoadGenerator.Infrastructure;

namespace Platform.LoadGenerator.Extensions;

public static class Extensions
{
    /// <summary>The options, the Frontend's HttpClient and the runner; the same for the service and the command line.</summary>
    public static TBuilder AddLoadGenerator<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<LoadGeneratorOptions>()
            .BindConfiguration(LoadGeneratorOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.MinWait >= TimeSpan.Zero && o.MinWait <= o.MaxWait, "LoadGenerator:MinWait must be between 0 and LoadGenerator:MaxWait.")
            .Validate(o => DurationParser.Parse(o.Duration) is var _, "unreachable: Parse throws naming the value")
            .ValidateOnStart();

        var key = $"services:{ResourceNames.Frontend}:http:0";
        var frontend = builder.Configuration[key] is { Length: > 0 } url
            ? new Uri(url)
            : throw new InvalidOperationException($"No address for the Frontend: set configuration '{key}' (env services__frontend__http__0, or --frontend-url).");

        builder.Services.AddSingleton<LoadStatistics>();
        // A plain client, not the services' resilient one: a load generator must see each failure and latency as
        // it is, not hidden behind retries. The HttpClient instrumentation still traces it (traceparent included).
        builder.Services.AddSingleton(sp => new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            BaseAddress = frontend,
            Timeout = sp.GetRequiredService<IOptions<LoadGeneratorOptions>>().Value.RequestTimeout,
        });
        builder.Services.AddSingleton(sp => new LoadRunner(
            sp.GetRequiredService<HttpClient>(), sp.GetRequiredService<Platform.ServiceDefaults.Flags.IFeatureFlags>(),
            sp.GetRequiredService<IOptions<LoadGeneratorOptions>>(), sp.GetRequiredService<LoadStatistics>()));
        return builder;
    }
}
