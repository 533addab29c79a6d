using Platform.Checkout.Apis;
using Platform.Checkout.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaProducer("kafka");
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCheckoutApi();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
