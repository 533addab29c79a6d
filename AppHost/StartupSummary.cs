using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>
/// Ends the console output with what a user came for, once every resource is healthy: the storefront
/// and the dashboard's login link, one URL per line.
/// </summary>
internal static class StartupSummary
{
    private const string DashboardResourceName = "aspire-dashboard";

    public static void AddStartupSummary(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> storefront)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return;
        }
        var started = Stopwatch.StartNew();
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = PrintWhenHealthyAsync(@event.Model, notifications, storefront.Resource, started, stopping);
            return Task.CompletedTask;
        });
    }

    private static async Task PrintWhenHealthyAsync(
        DistributedApplicationModel model, ResourceNotificationService notifications, ProjectResource storefront, Stopwatch started, CancellationToken stopping)
    {
        try
        {
            // Parameters and the hidden resources Aspire adds (the dashboard, each project's -rebuilder) aside.
            var waited = model.Resources
                .Where(r => r is not ParameterResource)
                .Where(r => !notifications.TryGetCurrentState(r.Name, out var state) || !state.Snapshot.IsHidden)
                .Select(r => notifications.WaitForResourceHealthyAsync(r.Name, stopping));
            await Task.WhenAll(waited);
            var dashboard = await DashboardLoginUrlAsync(notifications, stopping);
            Console.WriteLine();
            Console.WriteLine($"The Platform is up: every resource is healthy after {started.Elapsed.TotalSeconds:F1} s.");
            Console.WriteLine($"  Storefront  {storefront.GetEndpoint("http").Url}");
            Console.WriteLine($"  Dashboard   {dashboard}");
            Console.WriteLine("Ctrl+C stops everything.");
        }
        catch (OperationCanceledException)
        {
            // Stopped before everything was healthy: nothing to summarise.
        }
    }

    private static async Task<string> DashboardLoginUrlAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        await foreach (var update in notifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name == DashboardResourceName && update.Snapshot.Urls.FirstOrDefault(u => u.Url.Contains("/login?t=", StringComparison.Ordinal)) is { } url)
            {
                return url.Url;
            }
        }
        throw new OperationCanceledException(cancellationToken);
    }
}
