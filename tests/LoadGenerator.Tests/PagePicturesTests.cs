using Platform.LoadGenerator.Infrastructure;

namespace LoadGenerator.Tests;

/// <summary>The load generator loads what a browser would load after a page: each picture the page shows, once.</summary>
public sealed class PagePicturesTests
{
    [Fact]
    public void Every_picture_of_a_page_once_in_page_order()
    {
        const string html = """
            <link rel="icon" href="/images/products/placeholder.svg" type="image/svg+xml">
            <a class="brand" href="/"><img src="/images/products/placeholder.svg" alt="" width="32" height="32"> Shop</a>
            <img src="/images/products/OLJCESPC7Z.svg" alt="Telescope" width="420" height="315">
            <img alt="Binoculars" src="/images/products/66VCHSJNUP.svg" loading="lazy">
            <img src="/images/products/OLJCESPC7Z.svg" alt="Telescope" loading="lazy">
            <img src="https://elsewhere.example/images/ad.png">
            <p>src="/images/products/not-an-img.svg"</p>
            """;

        Assert.Equal(
            ["/images/products/placeholder.svg", "/images/products/OLJCESPC7Z.svg", "/images/products/66VCHSJNUP.svg"],
            PagePictures.In(html));
    }

    [Fact]
    public void A_page_without_pictures_loads_none() => Assert.Empty(PagePictures.In("<main><p>Your cart is empty.</p></main>"));
}
