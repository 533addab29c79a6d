using Platform.LoadGenerator;
using Platform.LoadGenerator.Extensions;
using Platform.LoadGenerator.Infrastructure;

if (CommandLine.IsRequested(args))
{
    return await CommandLine.RunAsync(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddLoadGenerator();
builder.Services.AddHostedService<LoadGeneratorWorker>();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
