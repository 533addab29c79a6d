using System.Text.RegularExpressions;
using Frontend.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Frontend.Apis;

/// <summary>
/// Product pictures: <c>GET /images/products/{name}.svg</c> serves <c>wwwroot/images/products/{name}.svg</c>,
/// one small drawing per product of the catalogue (the catalogue's <c>picture</c> field names it).
/// A name with no picture is a 404 problem, not a silent placeholder, so a catalogue entry without
/// a drawing shows up as a broken image and a 404 in the logs and metrics. Every picture goes
/// through <see cref="ImageSlowLoad"/> (flag <c>imageSlowLoad</c>).
/// </summary>
public static partial class ProductPictures
{
    public const string Prefix = "/images/products/";
    private const string Folder = "images/products/";

    public static IEndpointRouteBuilder MapProductPictures(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{**path}", GetPicture).WithName("ProductPicture").ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetPicture(
        string? path, IWebHostEnvironment environment, ImageSlowLoad slowLoad, HttpContext http, CancellationToken ct)
    {
        // Only a plain file name: no folders, no "..", nothing but letters, digits, '-' and '_'.
        var file = path is not null && PictureName().IsMatch(path) ? environment.WebRootFileProvider.GetFileInfo(Folder + path) : null;
        if (file is not { Exists: true, IsDirectory: false })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Picture not found",
                detail: $"There is no product picture '{path}'.");
        }

        await slowLoad.DelayAsync(path!, ct);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Stream(file.CreateReadStream(), "image/svg+xml", lastModified: file.LastModified);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\.svg$")]
    private static partial Regex PictureName();
}
