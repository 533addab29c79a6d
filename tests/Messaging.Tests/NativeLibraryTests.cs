using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Platform.Messaging.Tests;

/// <summary>
/// The native librdkafka comes from the librdkafka.redist package next to the app, not from the OS:
/// what lets Checkout and Accounting run on the chiseled image (build/containers/README.md).
/// </summary>
public sealed class NativeLibraryTests
{
    [Fact]
    public void Librdkafka_is_the_packaged_2_16_build_loaded_from_the_app_folder()
    {
        var version = Library.VersionString;
        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..] : "")
            .Where(path => Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        // Without libsasl2.so.3 (Debian, Ubuntu, the chiseled image) the default build cannot load and
        // Confluent.Kafka falls back to the glibc-only centos8 build.
        var expected = NativeLibrary.TryLoad("libsasl2.so.3", out _) ? "librdkafka.so" : "centos8-librdkafka.so";

        Assert.Equal("2.16.0", version);
        var path = Assert.Single(mapped);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), path);
        Assert.Equal(expected, Path.GetFileName(path));
    }
}
