using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform.Messaging;

/// <summary>
/// Points Confluent.Kafka's native imports at Debian's libraries: it imports <c>librdkafka</c> and
/// <c>libdl</c> by their unversioned names, while Debian 12 ships only <c>librdkafka.so.1</c>
/// (librdkafka1) and <c>libdl.so.2</c> (glibc). Runs when this assembly loads; call
/// <see cref="EnsureResolver"/> before touching Confluent.Kafka from code that does not go
/// through this library first (a test fixture).
/// </summary>
public static class KafkaNative
{
    private static int _done;

    /// <summary>Installs the import resolver once per process (a no-op when another one is installed).</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be set before any Kafka client is built.")]
    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already installed for Confluent.Kafka (another copy of this fix).
        }
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        var candidate = name switch
        {
            "librdkafka" => "librdkafka.so.1",
            "libdl" => "libdl.so.2",
            _ => null,
        };
        return candidate is not null && NativeLibrary.TryLoad(candidate, out var handle) ? handle : IntPtr.Zero;
    }
}
