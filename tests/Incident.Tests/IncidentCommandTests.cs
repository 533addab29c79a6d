using Platform.Contracts;
using Platform.Testing.Servers;

namespace Incident.Tests;

/// <summary>The <c>incident</c> command line against a real FlagService over real HTTP.</summary>
public sealed class IncidentCommandTests : IAsyncLifetime
{
    private readonly RealFlagService _flags = new();
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("incident-cwd").FullName;

    private Dictionary<string, string> WithToken => new() { ["Flags__AdminToken"] = RealFlagService.AdminToken };

    private Task<IncidentCli.Result> Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        IncidentCli.Run(environment, _workingDirectory, [.. args, "--flags-url", _flags.Url.ToString()]);

    [Fact]
    public async Task Trigger_sets_the_scenarios_flag_to_its_trigger_variant_and_says_what_to_look_for()
    {
        var result = await Run(WithToken, "trigger", "payment-failure");

        AssertExit(0, result);
        Assert.Equal("50%", await _flags.VariantOf(FlagKeys.PaymentFailure));
        Assert.Contains("Triggered payment-failure: paymentFailure = 50%.", result.Output);
        Assert.Contains("app.payment.failures", result.Output);
    }

    [Fact]
    public async Task Trigger_with_a_variant_sets_that_variant()
    {
        var result = await Run(WithToken, "trigger", "email-memory-leak", "--variant", "10000x");

        AssertExit(0, result);
        Assert.Equal("10000x", await _flags.VariantOf(FlagKeys.EmailMemoryLeak));
    }

    [Fact]
    public async Task An_unknown_scenario_is_an_error_listing_the_valid_ones()
    {
        var result = await Run(WithToken, "trigger", "payment-failures");

        AssertExit(2, result);
        Assert.StartsWith("Unknown scenario 'payment-failures'. Valid scenarios: payment-failure, payment-unreachable,", result.Error);
        Assert.Contains("checkout-peak-mode.", result.Error);
        Assert.Equal("off", await _flags.VariantOf(FlagKeys.PaymentFailure));
    }

    [Fact]
    public async Task An_unknown_variant_is_an_error_listing_the_valid_ones_and_changes_nothing()
    {
        var result = await Run(WithToken, "trigger", "payment-failure", "--variant", "60%");

        AssertExit(2, result);
        Assert.Equal(
            "Unknown variant '60%' for scenario payment-failure (flag paymentFailure). Valid variants: 100%, 90%, 75%, 50%, 25%, 10%, off.",
            result.Error.Trim());
        Assert.Equal("off", await _flags.VariantOf(FlagKeys.PaymentFailure));
    }

    [Fact]
    public async Task Clear_sets_one_scenario_back_to_off()
    {
        await Run(WithToken, "trigger", "cart-failure");

        var result = await Run(WithToken, "clear", "cart-failure");

        AssertExit(0, result);
        Assert.Equal("off", await _flags.VariantOf(FlagKeys.CartFailure));
        Assert.Contains("Cleared cart-failure: cartFailure = off.", result.Output);
    }

    [Fact]
    public async Task Clear_all_sets_every_active_scenario_back_to_off()
    {
        await Run(WithToken, "trigger", "cart-failure");
        await Run(WithToken, "trigger", "checkout-peak-mode");

        var result = await Run(WithToken, "clear", "--all");

        AssertExit(0, result);
        Assert.Equal("off", await _flags.VariantOf(FlagKeys.CartFailure));
        Assert.Equal("off", await _flags.VariantOf(FlagKeys.CheckoutPeakMode));
        Assert.Equal(2, result.Output.Split('\n').Count(l => l.StartsWith("Cleared ")));
    }

    [Fact]
    public async Task Clear_without_a_scenario_or_all_is_a_usage_error()
    {
        var result = await Run(WithToken, "clear");

        AssertExit(2, result);
        Assert.Contains("Name one scenario or pass --all", result.Error);
    }

    [Fact]
    public async Task Status_marks_the_active_scenarios_with_their_variant()
    {
        await Run(WithToken, "trigger", "image-slow-load", "--variant", "10sec");

        var result = await Run(new Dictionary<string, string>(), "status");

        AssertExit(0, result);
        var line = result.Output.Split('\n').Single(l => l.Contains("image-slow-load"));
        Assert.StartsWith("ACTIVE", line);
        Assert.EndsWith("imageSlowLoad = 10sec", line.TrimEnd());
        Assert.Contains("1 scenario(s) active.", result.Output);
    }

    [Fact]
    public async Task List_names_every_scenario_with_its_flag_and_symptom_without_FlagService()
    {
        var result = await IncidentCli.Run(new Dictionary<string, string>(), _workingDirectory, "list", "--flags-url", "http://127.0.0.1:1");

        AssertExit(0, result);
        foreach (var scenario in IncidentScenarios.All)
        {
            Assert.Contains($"{scenario.Name}  (flag {scenario.FlagKey}", result.Output);
            Assert.Contains(scenario.Symptom, result.Output);
        }
    }

    [Fact]
    public async Task A_wrong_token_names_where_the_right_one_is()
    {
        var result = await Run(new Dictionary<string, string> { ["Flags__AdminToken"] = "wrong" }, "trigger", "cart-failure");

        AssertExit(1, result);
        Assert.Contains("FlagService refused the admin token", result.Error);
        Assert.Contains(".apphost/secrets/flags-admin-token", result.Error);
        Assert.Equal("off", await _flags.VariantOf(FlagKeys.CartFailure));
    }

    [Fact]
    public async Task A_missing_token_names_the_ways_to_give_one()
    {
        var result = await Run(new Dictionary<string, string>(), "trigger", "cart-failure");

        AssertExit(1, result);
        Assert.StartsWith("No admin token: set Flags__AdminToken, pass --token-file,", result.Error);
    }

    [Fact]
    public async Task The_token_is_found_in_the_AppHost_secret_at_the_repository_root_above_the_working_directory()
    {
        var secret = Path.Combine(_workingDirectory, ".apphost", "secrets", "flags-admin-token");
        Directory.CreateDirectory(Path.GetDirectoryName(secret)!);
        await File.WriteAllTextAsync(secret, RealFlagService.AdminToken + "\n");
        var below = Directory.CreateDirectory(Path.Combine(_workingDirectory, "services", "Cart")).FullName;

        var result = await IncidentCli.Run(new Dictionary<string, string>(), below, "trigger", "cart-failure", "--flags-url", _flags.Url.ToString());

        AssertExit(0, result);
        Assert.Equal("on", await _flags.VariantOf(FlagKeys.CartFailure));
    }

    [Fact]
    public async Task An_unreachable_FlagService_names_the_fix()
    {
        var nothing = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await IncidentCli.Run(WithToken, _workingDirectory, "status", "--flags-url", nothing);

        AssertExit(1, result);
        Assert.Contains($"FlagService is not reachable at {nothing}/", result.Error);
        Assert.Contains("Start the Platform (dotnet run --project AppHost) or pass FlagService's address with --flags-url.", result.Error);
    }

    [Fact]
    public async Task A_flags_url_that_is_no_http_address_is_a_usage_error()
    {
        var result = await IncidentCli.Run(WithToken, _workingDirectory, "status", "--flags-url", "127.0.0.1:5106");

        AssertExit(2, result);
        Assert.Contains("--flags-url '127.0.0.1:5106' is not an http(s) address", result.Error);
    }

    private static void AssertExit(int expected, IncidentCli.Result result) =>
        Assert.True(result.ExitCode == expected, $"exit {result.ExitCode}, expected {expected}\nout: {result.Output}\nerr: {result.Error}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _flags.DisposeAsync();
        Directory.Delete(_workingDirectory, recursive: true);
    }
}
