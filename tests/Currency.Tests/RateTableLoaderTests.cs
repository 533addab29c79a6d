using Platform.Currency.Infrastructure;

namespace Platform.Currency.Tests;

/// <summary>A broken rate table stops the start with a message saying what is wrong.</summary>
public sealed class RateTableLoaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rates-{Guid.NewGuid():N}.json");

    [Theory]
    [InlineData("""{"date":"2026-11-30","base":"EUR","rates":{}}""", "no rates")]
    [InlineData("""{"date":"30/11/2026","base":"EUR","rates":{"EUR":1}}""", "'date'")]
    [InlineData("""{"date":"2026-11-30","base":"EUR","rates":{"EUR":1.1}}""", "'base'")]
    [InlineData("""{"date":"2026-11-30","base":"EUR","rates":{"EUR":1,"usd":1.05}}""", "'usd'")]
    [InlineData("""{"date":"2026-11-30","base":"EUR","rates":{"EUR":1,"USD":0}}""", "USD is not positive")]
    [InlineData("""{"date":"2026-11-30",""", "cannot be read")]
    public void A_broken_table_is_refused(string json, string reason)
    {
        File.WriteAllText(_path, json);

        var error = Assert.Throws<InvalidOperationException>(() => RateTableLoader.Load(_path));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RateTableLoader.Load(_path));

        Assert.Contains(_path, error.Message);
    }

    [Fact]
    public void The_shipped_table_loads()
    {
        var table = RateTableLoader.Load("Data/rates.json");

        Assert.Equal(new DateOnly(2026, 11, 30), table.Date);
        Assert.Equal(1.0550m, table.Rates["USD"]);
    }

    public void Dispose() => File.Delete(_path);
}
