using FlagService.Evaluation;
using FlagService.Infrastructure;

namespace FlagService.Extensions;

public static class Extensions
{
    /// <summary>FlagService's own services: options, the flag file and its watcher, evaluation, the admin check, the UI's antiforgery.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // Configuration
        services.AddOptions<FlagsOptions>().BindConfiguration(FlagsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        // The flag file: audit trail, defaults, store, watcher (which completes the copy from the defaults and loads it before the server starts)
        services.AddSingleton<AuditLog>();
        services.AddSingleton<FlagFileDefaults>();
        services.AddSingleton<FlagFileStore>();
        services.AddHostedService<FlagFileWatcher>();
        services.AddHealthChecks().AddCheck<FlagFileHealthCheck>("flagfile");

        // Evaluation and administration
        services.AddSingleton<FlagEvaluator>();
        services.AddSingleton<AdminAuthorization>();
        services.AddAntiforgery();

        return builder;
    }
}
