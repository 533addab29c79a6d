using System.Text.Json;
using Platform.Contracts;

namespace Platform.Messaging.Tests;

public class OrderPlacedSerializationTests
{
    private static readonly OrderPlaced Sample = new(
        "5c0e3f0e-8f7a-4c55-9d0e-2d1f6a4b7c21", "user-42", "someone@example.com",
        [new OrderItem("OLJCESPC7Z", 2, 101.96m), new OrderItem("66VCHSJNUP", 1, 349.95m)],
        new ShippingInfo(new ShippingAddress("1 Main St", "Springfield", "IL", "United States", "62701"), "TRK-1", 8.99m),
        562.86m, "USD", new DateTimeOffset(2026, 11, 22, 4, 10, 0, TimeSpan.Zero));

    [Fact]
    public void Round_trip_keeps_every_field()
    {
        var parsed = IntegrationEvents.DeserializeOrderPlaced(IntegrationEvents.Serialize(Sample));

        Assert.Equal(Sample with { Items = parsed.Items }, parsed);
        Assert.Equal(Sample.Items, parsed.Items);
    }

    [Fact]
    public void Wire_format_uses_camel_case_names()
    {
        using var json = JsonDocument.Parse(IntegrationEvents.Serialize(Sample));

        var root = json.RootElement;
        Assert.Equal("5c0e3f0e-8f7a-4c55-9d0e-2d1f6a4b7c21", root.GetProperty("orderId").GetString());
        Assert.Equal(101.96m, root.GetProperty("items")[0].GetProperty("unitPrice").GetDecimal());
        Assert.Equal("62701", root.GetProperty("shipping").GetProperty("address").GetProperty("zip").GetString());
        Assert.Equal("TRK-1", root.GetProperty("shipping").GetProperty("trackingId").GetString());
        Assert.Equal(562.86m, root.GetProperty("total").GetDecimal());
    }

    [Fact]
    public void Readme_example_parses()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts.README.md"));
        var start = readme.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var parsed = IntegrationEvents.DeserializeOrderPlaced(System.Text.Encoding.UTF8.GetBytes(example));

        Assert.Equal(parsed.Items.Sum(i => i.Quantity * i.UnitPrice) + parsed.Shipping.Cost, parsed.Total);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{\"orderId\":\"1\"}")]
    [InlineData("{\"orderId\":\"1\",\"userId\":\"u\",\"email\":\"e\",\"items\":null,\"shipping\":null,\"total\":1,\"currency\":\"USD\",\"placedAt\":\"2026-01-01T00:00:00Z\"}")]
    public void Malformed_message_is_rejected_with_a_json_exception(string body)
    {
        Assert.ThrowsAny<JsonException>(() => IntegrationEvents.DeserializeOrderPlaced(System.Text.Encoding.UTF8.GetBytes(body)));
    }
}
