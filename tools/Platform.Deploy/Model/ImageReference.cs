namespace Platform.Deploy.Model;

/// <summary>An image reference split into registry/repository and tag (<c>docker.io/library/redis:8.6</c>).</summary>
internal sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        var digestAt = image.IndexOf('@', StringComparison.Ordinal);
        var digest = digestAt >= 0 ? image[(digestAt + 1)..] : null;
        var name = digestAt >= 0 ? image[..digestAt] : image;
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? new(name[..colon], name[(colon + 1)..], digest) : new(name, null, digest);
    }

    public override string ToString() => Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}
