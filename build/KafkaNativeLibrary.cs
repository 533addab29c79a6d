// Compiled into every project that imports build/Kafka.props.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform.Build;

/// <summary>
/// Points Confluent.Kafka 1.9.3 at Debian's native libraries before any Kafka client is built.
/// It P/Invokes <c>libdl</c> (Debian 12 ships only <c>libdl.so.2</c>) to dlopen librdkafka, and looks for
/// the librdkafka.redist package's copy, which is not installed here: Debian's librdkafka1 provides
/// <c>librdkafka.so.1</c>.
/// </summary>
internal static class KafkaNativeLibrary
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The native library must be chosen before any Kafka client is built.")]
    internal static void Load()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, static (name, assembly, searchPath) =>
                name switch
                {
                    "libdl" when NativeLibrary.TryLoad("libdl.so.2", out var libdl) => libdl,
                    "librdkafka" when NativeLibrary.TryLoad("librdkafka.so.1", out var librdkafka) => librdkafka,
                    _ => IntPtr.Zero,
                });
        }
        catch (InvalidOperationException)
        {
            // Another assembly of this process already installed the same resolver.
        }
    }
}
