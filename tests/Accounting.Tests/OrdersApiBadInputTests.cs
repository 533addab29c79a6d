using Platform.Accounting.Tests.Infrastructure;
using Platform.Testing.BadInput;

namespace Platform.Accounting.Tests;

/// <summary>The read API answers hostile or impossible order ids with a 4xx problem, never a failed query.</summary>
public sealed class OrdersApiBadInputTests(AccountingApp app) : IClassFixture<AccountingApp>
{
    // NUL itself never reaches the app: the server refuses a path that decodes to it.
    [Theory]
    [InlineData("%01")]
    [InlineData("order%1Fid")]
    [InlineData("%0A%0D")]
    public async Task An_id_with_a_control_character_is_a_400_problem_naming_it(string orderId)
    {
        using var response = await app.Client.GetAsync($"/api/orders/{orderId}");

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("orderId", answer.ErrorFields);
    }

    [Fact]
    public async Task An_id_longer_than_any_order_id_is_a_400_problem_naming_it()
    {
        using var response = await app.Client.GetAsync($"/api/orders/{new string('o', 65)}");

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("orderId", answer.ErrorFields);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("1; DROP TABLE orders; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%")]
    [InlineData("😀")]
    public async Task A_hostile_id_is_only_an_unknown_order(string orderId)
    {
        using var response = await app.Client.GetAsync($"/api/orders/{Uri.EscapeDataString(orderId)}");

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 404 && answer.IsProblem, answer.ToString());
        using var again = await app.Client.GetAsync($"/api/orders/{Guid.NewGuid()}");
        Assert.Equal(404, (int)again.StatusCode);
    }
}
