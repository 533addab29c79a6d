using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Frontend.Tests.Support;

namespace Frontend.Tests;

/// <summary>Every product of the shipped catalogue has a drawing of its own; any other picture name is a 404 problem.</summary>
public sealed partial class ProductPictureTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>
{
    /// <summary>The <c>picture</c> of every product in ProductCatalog's shipped product list.</summary>
    private static IReadOnlyList<string> CataloguePictures()
    {
        using var catalogue = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Shipped", "products.json")));
        return catalogue.RootElement.EnumerateArray().Select(p => p.GetProperty("picture").GetString()!).ToList();
    }

    [Fact]
    public async Task Every_catalogue_product_has_a_small_svg_picture_of_its_own()
    {
        using var client = fixture.CreateClient();
        var pictures = CataloguePictures();
        var digests = new HashSet<string>();

        foreach (var picture in pictures)
        {
            using var response = await client.GetAsync(picture);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{picture}: {(int)response.StatusCode}");
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            Assert.True(bytes.Length < 4096, $"{picture} is {bytes.Length} bytes");
            using var stream = new MemoryStream(bytes);
            Assert.Equal("{http://www.w3.org/2000/svg}svg", XDocument.Load(stream).Root!.Name.ToString());
            digests.Add(Convert.ToHexString(SHA256.HashData(bytes)));
        }

        var placeholder = await client.GetByteArrayAsync("/images/products/placeholder.svg");
        Assert.Equal(13, pictures.Count);
        Assert.Equal(pictures.Count, digests.Count); // no two products share a drawing
        Assert.DoesNotContain(Convert.ToHexString(SHA256.HashData(placeholder)), digests);
    }

    [Theory]
    [InlineData("/images/products/NOPICTURE1.svg")]
    [InlineData("/images/products/OLJCESPC7Z.png")]
    [InlineData("/images/products/anything/else.svg")]
    [InlineData("/images/products/..%2F..%2Fcss%2Fsite.css")]
    [InlineData("/images/products/")]
    public async Task A_picture_that_does_not_exist_is_a_404_problem(string path)
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Picture not found", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/products/66VCHSJNUP")]
    public async Task Every_picture_a_page_shows_resolves(string page)
    {
        using var client = fixture.CreateClient();
        var html = await client.GetStringAsync(page);
        var sources = ImageSource().Matches(html).Select(m => m.Groups["src"].Value).Distinct().ToList();

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            using var response = await client.GetAsync(source);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{source} on {page}: {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex("""<img src="(?<src>[^"]+)" """)]
    private static partial Regex ImageSource();
}
