using Platform.Testing.BadInput;

namespace Platform.Ad.Tests;

/// <summary>Bad <c>contextKeys</c> answer a 400 problem naming the field.</summary>
[Collection(AdApp.Collection)]
public sealed class AdBadInputTests(AdApp app) : IClassFixture<AdApp>
{
    public static TheoryData<string, string> BadQueries => new()
    {
        // case, query string
        { "blank", "?contextKeys=%20" },
        { "empty entry", "?contextKeys=telescopes,,solar" },
        { "trailing comma", "?contextKeys=telescopes," },
        { "11 keys", "?contextKeys=" + string.Join(',', Enumerable.Range(0, 11).Select(i => $"key{i}")) },
        { "a key of 65 characters", "?contextKeys=" + new string('a', 65) },
        { "a key of 128 KB", "?contextKeys=" + new string('a', 128 * 1024) },
        { "markup", "?contextKeys=%3Cscript%3E" },
        { "a space inside", "?contextKeys=star%20gazing" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_context_keys_are_a_400_problem_naming_contextKeys(string _, string query)
    {
        using var response = await app.Client.GetAsync("/api/ads" + query);

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("contextKeys", answer.ErrorFields);
    }
}
