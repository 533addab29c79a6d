using System.Text.Json;
using Platform.Hosting;
using Platform.Hosting.Testing;

namespace Hosting.Tests;

public sealed class ParameterTests
{
    [Fact]
    public async Task A_secret_parameter_is_generated_persisted_and_masked()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var token = builder.AddParameter("admin-token", secret: true);
        builder.AddTestApp("service", "env").WithEnvironment("Admin__Token", token);
        await using var app = await builder.BuildAsync();

        await app.StartAsync(TestApp.Timeout());
        await app.WaitForResourceHealthyAsync("service", TestApp.Timeout());

        var value = await token.Resource.GetValueAsync();
        var printed = await app.PrintedEnvironmentAsync("service");
        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "parameters.json")));
        Assert.True(value.Length >= 20);
        Assert.Equal(value, printed["Admin__Token"]);
        Assert.Equal(value, stored!["admin-token"]);
        Assert.Equal("******", app.ResourceNotifications.Get("service").Environment["Admin__Token"]);
        Assert.Equal("******", app.ResourceNotifications.Get("admin-token").Environment["Value"]);
    }

    [Fact]
    public async Task A_parameter_comes_from_configuration_when_given()
    {
        var builder = DistributedApplicationTestingBuilder.Create(["--Parameters:region=eu-west-1"]);
        var region = builder.AddParameter("region");
        builder.AddTestApp("service", "env").WithEnvironment("Region", region);
        await using var app = await builder.BuildAsync();

        await app.StartAsync(TestApp.Timeout());
        await app.WaitForResourceHealthyAsync("service", TestApp.Timeout());

        Assert.Equal("eu-west-1", (await app.PrintedEnvironmentAsync("service"))["Region"]);
        Assert.Equal("eu-west-1", app.ResourceNotifications.Get("service").Environment["Region"]);
    }

    [Fact]
    public async Task A_password_inside_a_connection_string_is_masked()
    {
        var builder = DistributedApplicationTestingBuilder.Create(["--ConnectionStrings:db=Host=127.0.0.1;Password=hunter2;Database=x"]);
        var db = builder.AddConnectionString("db");
        builder.AddTestApp("service", "env").WithReference(db);
        await using var app = await builder.BuildAsync();

        await app.StartAsync(TestApp.Timeout());
        await app.WaitForResourceHealthyAsync("service", TestApp.Timeout());

        var shown = app.ResourceNotifications.Get("service").Environment["ConnectionStrings__db"];
        Assert.DoesNotContain("hunter2", shown);
        Assert.Contains("Password=******", shown);
    }
}
