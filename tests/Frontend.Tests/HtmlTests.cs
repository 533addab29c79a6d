using Frontend.Views;

namespace Frontend.Tests;

public sealed class HtmlTests
{
    [Fact]
    public void Holes_of_an_interpolated_Html_are_encoded()
    {
        var name = "<img src=x onerror=\"alert(1)\">";

        var html = Html.Of($"<p title=\"{name}\">{name}</p>");

        Assert.Equal("<p title=\"&lt;img src=x onerror=&quot;alert(1)&quot;&gt;\">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>", html.Value);
    }

    [Fact]
    public void Html_in_a_hole_is_not_encoded_twice()
    {
        var inner = Html.Of($"<b>{"a&b"}</b>");

        var html = Html.Of($"<p>{inner}{new[] { inner, inner }}</p>");

        Assert.Equal("<p><b>a&amp;b</b><b>a&amp;b</b><b>a&amp;b</b></p>", html.Value);
    }

    [Theory]
    [InlineData("/images/products/X.svg", "/images/products/X.svg")]
    [InlineData("//evil.example/x.svg", Format.PlaceholderPicture)]
    [InlineData("javascript:alert(1)", Format.PlaceholderPicture)]
    [InlineData("https://evil.example/x.svg", Format.PlaceholderPicture)]
    [InlineData("", Format.PlaceholderPicture)]
    public void Product_pictures_stay_on_this_site(string picture, string expected) =>
        Assert.Equal(expected, Format.PictureUrl(picture));
}
