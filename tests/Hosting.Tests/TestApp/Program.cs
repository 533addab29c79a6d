// A test double for Hosting.Tests, run as a process:
//   env                 prints its environment (sorted) then sleeps: checks what the engine injects;
//   http <delayMs>      serves /health on ASPNETCORE_URLS, 503 until delayMs elapsed;
//   apphost <dataDir>   an AppHost with one executable resource (`sleep 1000`): kill/SIGTERM tests.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Hosting;

switch (args[0])
{
    case "env":
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"{key}={Environment.GetEnvironmentVariable(key)}");
        }

        Console.Out.Flush();
        await Task.Delay(Timeout.Infinite);
        break;

    case "http":
        var ready = DateTime.UtcNow.AddMilliseconds(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        var web = WebApplication.CreateSlimBuilder();
        var app = web.Build();
        app.MapGet("/health", () => DateTime.UtcNow >= ready ? Results.Ok("Healthy") : Results.StatusCode(503));
        await app.RunAsync();
        break;

    case "apphost":
        var builder = DistributedApplication.CreateBuilder([$"--AppHost:DataDirectory={args[1]}"]);
        builder.AddExecutable("sleeper", "sleep", ".", "1000");
        await builder.Build().RunAsync();
        break;
}
