using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Platform.Redis.Protocol;

/// <summary>
/// Reads RESP2 replies (and tolerates RESP3 types) from a buffer that may hold a partial reply.
/// </summary>
public static class RespParser
{
    /// <summary>Deepest nesting of arrays accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest bulk string accepted (Redis' own proto-max-bulk-len default, 512 MB).</summary>
    public const long MaxBulkLength = 512L * 1024 * 1024;

    private const int MaxLineForNumber = 64;
    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    /// <summary>
    /// Parses one complete reply. Returns false and leaves <paramref name="reader"/> where it was when
    /// the buffer ends before the reply does (read more and call again).
    /// </summary>
    /// <exception cref="RedisProtocolException">The bytes are not valid RESP.</exception>
    public static bool TryParse(ref SequenceReader<byte> reader, out RedisReply reply)
    {
        var start = reader.Consumed;
        if (TryParseValue(ref reader, 0, out reply!))
        {
            return true;
        }

        reader.Rewind(reader.Consumed - start);
        reply = null!;
        return false;
    }

    /// <summary>Parses a buffer that must hold exactly one complete reply (for tests and tools).</summary>
    /// <exception cref="RedisProtocolException">The bytes are incomplete, invalid or followed by more bytes.</exception>
    public static RedisReply Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes.ToArray()));
        if (!TryParse(ref reader, out var reply))
        {
            throw new RedisProtocolException("The reply is incomplete.");
        }

        if (!reader.End)
        {
            throw new RedisProtocolException($"{reader.Remaining} unexpected bytes after the reply.");
        }

        return reply;
    }

    private static bool TryParseValue(ref SequenceReader<byte> reader, int depth, out RedisReply? reply)
    {
        reply = null;
        if (depth > MaxDepth)
        {
            throw new RedisProtocolException($"Replies nested deeper than {MaxDepth} levels.");
        }

        if (!reader.TryRead(out var type))
        {
            return false;
        }

        switch ((char)type)
        {
            case '+':
                return TryReadLine(ref reader, out var simple) && Set(RedisReply.SimpleString(simple), out reply);
            case '-':
                return TryReadLine(ref reader, out var error) && Set(RedisReply.Error(error), out reply);
            case ':':
                return TryReadInteger(ref reader, out var integer) && Set(RedisReply.Integer(integer), out reply);
            case '$':
                return TryReadBulk(ref reader, out reply, static b => RedisReply.Bulk(b));
            case '*':
            case '~': // RESP3 set
            case '>': // RESP3 push
                return TryReadAggregate(ref reader, depth, 1, out reply);
            case '%': // RESP3 map
                return TryReadAggregate(ref reader, depth, 2, out reply);
            case '_': // RESP3 null
                return TryReadLine(ref reader, out var nothing) && (nothing.Length == 0 ? Set(RedisReply.Null, out reply) : throw Bad("a RESP3 null with content"));
            case '#': // RESP3 boolean
                return TryReadLine(ref reader, out var flag) && Set(flag switch
                {
                    "t" => RedisReply.Boolean(true),
                    "f" => RedisReply.Boolean(false),
                    _ => throw Bad($"a RESP3 boolean '{flag}'"),
                }, out reply);
            case ',': // RESP3 double
                return TryReadLine(ref reader, out var dbl) && Set(RedisReply.Double(ParseDouble(dbl)), out reply);
            case '(': // RESP3 big number: kept as text
                return TryReadLine(ref reader, out var big) && Set(RedisReply.Bulk(Encoding.ASCII.GetBytes(big)), out reply);
            case '!': // RESP3 blob error
                return TryReadBulk(ref reader, out reply, static b => RedisReply.Error(Encoding.UTF8.GetString(b)));
            case '=': // RESP3 verbatim string "txt:..."
                return TryReadBulk(ref reader, out reply, static b => RedisReply.Bulk(b.Length >= 4 && b[3] == (byte)':' ? b[4..] : b));
            case '|': // RESP3 attribute: a map of metadata, then the actual reply
                return TryReadAggregate(ref reader, depth, 2, out _) && TryParseValue(ref reader, depth, out reply);
            default:
                throw Bad($"type byte 0x{type:X2} ('{(type is >= 32 and < 127 ? (char)type : '?')}')");
        }
    }

    private static bool TryReadAggregate(ref SequenceReader<byte> reader, int depth, int perEntry, out RedisReply? reply)
    {
        reply = null;
        if (!TryReadInteger(ref reader, out var count))
        {
            return false;
        }

        if (count == -1)
        {
            reply = RedisReply.Null;
            return true;
        }

        if (count < 0 || count > int.MaxValue / 2 / perEntry)
        {
            throw Bad($"an aggregate length {count}");
        }

        var elements = count == 0 ? [] : new RedisReply[count * perEntry];
        for (var i = 0; i < elements.Length; i++)
        {
            if (!TryParseValue(ref reader, depth + 1, out var element))
            {
                return false;
            }

            elements[i] = element!;
        }

        reply = perEntry == 2 ? RedisReply.Map(elements) : RedisReply.Array(elements);
        return true;
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, out RedisReply? reply, Func<byte[], RedisReply> create)
    {
        reply = null;
        if (!TryReadInteger(ref reader, out var length))
        {
            return false;
        }

        if (length == -1)
        {
            reply = RedisReply.Null;
            return true;
        }

        if (length < 0 || length > MaxBulkLength)
        {
            throw Bad($"a bulk string length {length}");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext(CrLf, advancePast: true))
        {
            throw Bad("a bulk string not followed by CRLF");
        }

        reply = create(bytes);
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out string line)
    {
        line = "";
        if (!reader.TryReadTo(out ReadOnlySequence<byte> bytes, CrLf, advancePastDelimiter: true))
        {
            return false;
        }

        line = Encoding.UTF8.GetString(bytes);
        return true;
    }

    private static bool TryReadInteger(ref SequenceReader<byte> reader, out long value)
    {
        value = 0;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> bytes, CrLf, advancePastDelimiter: true))
        {
            if (reader.Remaining > MaxLineForNumber)
            {
                throw Bad("a number line without CRLF");
            }

            return false;
        }

        if (bytes.Length is 0 or > MaxLineForNumber)
        {
            throw Bad($"a number line of {bytes.Length} bytes");
        }

        Span<byte> span = stackalloc byte[(int)bytes.Length];
        bytes.CopyTo(span);
        if (!Utf8Parser.TryParse(span, out value, out var used) || used != span.Length)
        {
            throw Bad($"a number '{Encoding.ASCII.GetString(span)}'");
        }

        return true;
    }

    private static double ParseDouble(string text) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Bad($"a RESP3 double '{text}'"),
    };

    private static bool Set(RedisReply value, out RedisReply? reply)
    {
        reply = value;
        return true;
    }

    private static RedisProtocolException Bad(string what) => new($"Invalid RESP from the server: {what}.");
}
