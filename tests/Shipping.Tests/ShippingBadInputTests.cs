using System.Text;
using Platform.Shipping.Tests.Infrastructure;
using Platform.Testing.BadInput;

namespace Platform.Shipping.Tests;

/// <summary>Bad quote and ship requests answer a 4xx problem naming the field, on both routes.</summary>
public sealed class ShippingBadInputTests(ShippingApp app) : IClassFixture<ShippingApp>
{
    private const string Address = """{"street":"1 Main St","city":"Springfield","state":"IL","country":"US","zip":"62701"}""";

    public static TheoryData<string, string, string, int, string> BadRequests()
    {
        var cases = new (string Case, string Body, string ContentType, int Status, string Field)[]
        {
            ("missing item count", """{"address":""" + Address + "}", "application/json", 400, "itemCount"),
            ("zero items", """{"itemCount":0,"address":""" + Address + "}", "application/json", 400, "itemCount"),
            ("too many items", """{"itemCount":10001,"address":""" + Address + "}", "application/json", 400, "itemCount"),
            ("items as a word", """{"itemCount":"two","address":""" + Address + "}", "application/json", 400, "itemCount"),
            ("missing address", """{"itemCount":1}""", "application/json", 400, "address"),
            ("address as a string", """{"itemCount":1,"address":"1 Main St"}""", "application/json", 400, "address"),
            ("blank country", """{"itemCount":1,"address":{"street":"a","city":"b","state":"c","country":"  ","zip":"d"}}""", "application/json", 400, "address.country"),
            ("missing zip", """{"itemCount":1,"address":{"street":"a","city":"b","state":"c","country":"US"}}""", "application/json", 400, "address.zip"),
            ("country of 1 MB", """{"itemCount":1,"address":{"street":"a","city":"b","state":"c","country":" """ + new string('x', 1024 * 1024) + "\",\"zip\":\"d\"}}", "application/json", 400, "address.country"),
            ("street with a control character", """{"itemCount":1,"address":{"street":"a\u0000b","city":"b","state":"c","country":"US","zip":"d"}}""", "application/json", 400, "address.street"),
            ("null body", "null", "application/json", 400, "body"),
            ("array body", "[]", "application/json", 400, "body"),
            ("deeply nested JSON", """{"address":""" + new string('[', 3000), "application/json", 400, "address"),
            ("text/plain", """{"itemCount":1,"address":""" + Address + "}", "text/plain", 415, "Content-Type"),
        };
        var data = new TheoryData<string, string, string, int, string>();
        foreach (var route in new[] { "quote", "ship" })
        {
            foreach (var c in cases) data.Add($"{route}: {c.Case}", c.Body, c.ContentType, c.Status, c.Field);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_shipping_request_is_a_4xx_problem_naming_the_field(string name, string body, string contentType, int status, string field)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new(contentType);

        using var response = await app.Client.PostAsync("/api/shipping/" + name[..name.IndexOf(':')], content);

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
    }
}
