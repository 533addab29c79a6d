using System.Buffers;
using System.Buffers.Text;

namespace Platform.Redis.Protocol;

/// <summary>Writes commands as RESP arrays of bulk strings, the request form every Redis accepts.</summary>
public static class RespWriter
{
    /// <summary>Writes <c>*N\r\n$len\r\narg\r\n...</c> for one command.</summary>
    public static void Write(IBufferWriter<byte> output, RedisCommand command)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(command);
        WriteHeader(output, (byte)'*', command.Parts.Length);
        foreach (var part in command.Parts)
        {
            WriteHeader(output, (byte)'$', part.Length);
            output.Write(part);
            output.Write("\r\n"u8);
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte prefix, long length)
    {
        var span = output.GetSpan(24);
        span[0] = prefix;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[written + 1] = (byte)'\r';
        span[written + 2] = (byte)'\n';
        output.Advance(written + 3);
    }
}
