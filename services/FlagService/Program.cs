using FlagService.Apis;
using FlagService.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseAntiforgery();

app.MapOfrepApi();
app.MapFlagsAdminApi();
app.MapFlagsPage();

app.Run();

/// <summary>Entry point; public so that tests can host the service (WebApplicationFactory).</summary>
public partial class Program;
