using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Orchestration;

namespace Platform.Hosting.Api;

/// <summary>
/// The AppHost's local API on 127.0.0.1 (for the dashboard, tests and scripts):
/// <list type="bullet">
/// <item><c>GET /api/resources</c>: every resource with state, health, URLs, environment (secrets masked).</item>
/// <item><c>GET /api/resources/{name}</c>: one resource.</item>
/// <item><c>GET /api/resources/{name}/logs?tail=200</c>: its console lines.</item>
/// <item><c>POST /api/resources/{name}/start|stop|restart</c>: needs <c>Authorization: Bearer &lt;token&gt;</c>
/// (the token is in <c>.apphost/apphost.json</c>).</item>
/// </list>
/// </summary>
internal sealed class ResourceApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ResourceApi(WebApplication app, Uri url, string token)
    {
        _app = app;
        Url = url;
        Token = token;
    }

    public Uri Url { get; }

    public string Token { get; }

    public static async Task<ResourceApi> StartAsync(DistributedApplication application, int port, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production", ApplicationName = "AppHost" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        var app = builder.Build();
        var resources = app.MapGroup("/api/resources");
        resources.MapGet("/", () => TypedResults.Ok(application.ResourceNotifications.Snapshots)).WithName("ListResources");
        resources.MapGet("/{name}", GetResource).WithName("GetResource");
        resources.MapGet("/{name}/logs", GetLogs).WithName("GetResourceLogs");
        resources.MapPost("/{name}/{command}", RunCommand).WithName("RunResourceCommand");
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"Port {port} for the AppHost API on 127.0.0.1 is in use: set AppHost:ApiPort to another port (0 = any free port).", e);
        }

        var address = app.Urls.First();
        return new ResourceApi(app, new Uri(address.EndsWith('/') ? address : address + "/"), token);

        Results<Ok<ResourceSnapshot>, NotFound> GetResource(string name) =>
            application.ResourceNotifications.Contains(name)
                ? TypedResults.Ok(application.ResourceNotifications.Get(name))
                : TypedResults.NotFound();

        Results<Ok<IReadOnlyList<LogLine>>, NotFound> GetLogs(string name, int? tail) =>
            application.ResourceNotifications.Contains(name)
                ? TypedResults.Ok(application.ResourceLogs.GetLines(name, tail))
                : TypedResults.NotFound();

        async Task<Results<Accepted<ResourceSnapshot>, NotFound, UnauthorizedHttpResult, ProblemHttpResult>> RunCommand(string name, string command, HttpRequest request)
        {
            if (!CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString()),
                    System.Text.Encoding.UTF8.GetBytes($"Bearer {token}")))
            {
                return TypedResults.Unauthorized();
            }

            if (!application.ResourceNotifications.Contains(name))
            {
                return TypedResults.NotFound();
            }

            Func<string, CancellationToken, Task>? action = command switch
            {
                "start" => application.StartResourceAsync,
                "stop" => application.StopResourceAsync,
                "restart" => application.RestartResourceAsync,
                _ => null,
            };
            if (action is null)
            {
                return TypedResults.Problem($"Unknown command '{command}': use start, stop or restart.", statusCode: StatusCodes.Status400BadRequest);
            }

            await action(name, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return TypedResults.Accepted($"/api/resources/{name}", application.ResourceNotifications.Get(name));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
