using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Tests.Support;

/// <summary>Real Kestrel apps on 127.0.0.1 with a free port, for both the code under test and its fakes.</summary>
internal static class TestApps
{
    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?>? configuration = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = "servicedefaults-tests",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        return builder;
    }

    public static async Task<WebApplication> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return app;
    }

    /// <summary>Stops the app gracefully, then disposes it (disposing alone does not stop a started host).</summary>
    public static async Task ShutDownAsync(this WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static Uri Address(this WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>An address where nothing listens: a port taken from the OS and released at once.</summary>
    public static Uri ClosedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Polls until the condition holds; spans stop after the response is sent, so they arrive a little later.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }
}

/// <summary>An HttpClient that sends the test's own traceparent header untouched.</summary>
internal static class TestHttp
{
    public static HttpClient Create() => new(new SocketsHttpHandler { ActivityHeadersPropagator = null });
}
