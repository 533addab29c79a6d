using Platform.Testing.BadInput;

namespace Platform.Recommendation.Tests;

/// <summary>Bad <c>productIds</c> answer a 400 problem naming the field.</summary>
public sealed class RecommendationBadInputTests(RecommendationApp app) : IClassFixture<RecommendationApp>
{
    public static TheoryData<string, string> BadQueries => new()
    {
        // case, query string
        { "missing", "" },
        { "empty", "?productIds=" },
        { "blank", "?productIds=%20%20" },
        { "empty entry", "?productIds=OLJCESPC7Z,,66VCHSJNUP" },
        { "trailing comma", "?productIds=OLJCESPC7Z," },
        { "21 ids", "?productIds=" + string.Join(',', Enumerable.Range(0, 21).Select(i => $"ID{i:D8}")) },
        { "an id of 65 characters", "?productIds=" + new string('A', 65) },
        { "an id of 128 KB", "?productIds=" + new string('A', 128 * 1024) },
        { "markup", "?productIds=%3Cscript%3E" },
        { "a path", "?productIds=..%2Fetc" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_product_ids_are_a_400_problem_naming_productIds(string _, string query)
    {
        using var response = await app.Client.GetAsync("/api/recommendations" + query);

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("productIds", answer.ErrorFields);
    }
}
