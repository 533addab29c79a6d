using Frontend.Apis;
using Frontend.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseStaticFiles();
app.UseRateLimiter();

app.MapOpenApi();
app.MapStorefrontPages();
app.MapProductPictures();
app.MapShopApi();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
