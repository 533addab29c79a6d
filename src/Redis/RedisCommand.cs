using System.Globalization;
using System.Text;

namespace Platform.Redis;

/// <summary>
/// A command and its arguments, encoded once as RESP bulk strings. Arguments may be
/// <see cref="string"/>, <see cref="byte"/>[], <see cref="ReadOnlyMemory{T}"/> of bytes, integers,
/// <see cref="double"/>, <see cref="decimal"/> or <see cref="bool"/> (sent as 1/0).
/// </summary>
/// <example><code>var reply = await client.ExecuteAsync(new RedisCommand("HINCRBY", "cart:42", "OLJCESPC7Z", 2));</code></example>
public sealed class RedisCommand
{
    /// <summary>Creates a command.</summary>
    /// <exception cref="ArgumentException">The name is empty or an argument is null or of an unsupported type.</exception>
    public RedisCommand(string name, params object?[] args)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(args);
        Name = name.ToUpperInvariant();
        var parts = new byte[args.Length + 1][];
        parts[0] = Encoding.UTF8.GetBytes(Name);
        for (var i = 0; i < args.Length; i++)
        {
            parts[i + 1] = Encode(Name, i, args[i]);
        }

        Parts = parts;
    }

    /// <summary>The command name in upper case, e.g. <c>HGETALL</c>; also the span name.</summary>
    public string Name { get; }

    /// <summary>The name followed by the arguments, as sent.</summary>
    internal byte[][] Parts { get; }

    /// <summary>Number of arguments after the name.</summary>
    public int ArgumentCount => Parts.Length - 1;

    private static byte[] Encode(string command, int index, object? arg) => arg switch
    {
        string s => Encoding.UTF8.GetBytes(s),
        byte[] b => b,
        ReadOnlyMemory<byte> m => m.ToArray(),
        int or long or short or uint or ulong or ushort or byte or sbyte =>
            Encoding.ASCII.GetBytes(((IFormattable)arg).ToString(null, CultureInfo.InvariantCulture)),
        double d => Encoding.ASCII.GetBytes(double.IsPositiveInfinity(d) ? "+inf" : double.IsNegativeInfinity(d) ? "-inf" : d.ToString("R", CultureInfo.InvariantCulture)),
        float f => Encoding.ASCII.GetBytes(((double)f).ToString("R", CultureInfo.InvariantCulture)),
        decimal m => Encoding.ASCII.GetBytes(m.ToString(CultureInfo.InvariantCulture)),
        bool b => b ? "1"u8.ToArray() : "0"u8.ToArray(),
        null => throw new ArgumentException($"Argument {index} of {command} is null; Redis has no null argument.", nameof(arg)),
        _ => throw new ArgumentException($"Argument {index} of {command} has type {arg.GetType().Name}; pass a string, bytes or a number.", nameof(arg)),
    };

    /// <inheritdoc/>
    public override string ToString() => ArgumentCount == 0 ? Name : $"{Name} ({ArgumentCount} args)";
}
