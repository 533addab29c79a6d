using System.Globalization;
using System.Text;

namespace Platform.Redis;

/// <summary>The RESP type of a <see cref="RedisReply"/>.</summary>
public enum RedisReplyKind
{
    /// <summary><c>+OK</c></summary>
    SimpleString,
    /// <summary><c>-ERR ...</c> (and RESP3 blob errors <c>!</c>).</summary>
    Error,
    /// <summary><c>:42</c></summary>
    Integer,
    /// <summary><c>$3\r\nfoo</c> (and RESP3 verbatim strings <c>=</c>, big numbers <c>(</c>).</summary>
    BulkString,
    /// <summary><c>*N</c> (and RESP3 sets <c>~</c> and pushes <c>&gt;</c>).</summary>
    Array,
    /// <summary><c>$-1</c>, <c>*-1</c> and RESP3 <c>_</c>.</summary>
    Null,
    /// <summary>RESP3 <c>,3.14</c>.</summary>
    Double,
    /// <summary>RESP3 <c>#t</c>.</summary>
    Boolean,
    /// <summary>RESP3 <c>%N</c>: <see cref="RedisReply.Elements"/> holds key, value, key, value...</summary>
    Map,
}

/// <summary>One reply from the server: a RESP2 (or RESP3) value.</summary>
public sealed class RedisReply
{
    private static readonly RedisReply[] NoElements = [];

    private readonly string? _text;
    private readonly byte[]? _bytes;
    private readonly long _integer;
    private readonly double _double;
    private readonly RedisReply[]? _elements;

    private RedisReply(RedisReplyKind kind, string? text = null, byte[]? bytes = null, long integer = 0, double number = 0, RedisReply[]? elements = null)
    {
        Kind = kind;
        _text = text;
        _bytes = bytes;
        _integer = integer;
        _double = number;
        _elements = elements;
    }

    /// <summary>The null reply.</summary>
    public static RedisReply Null { get; } = new(RedisReplyKind.Null);

    /// <summary>A simple string reply.</summary>
    public static RedisReply SimpleString(string text) => new(RedisReplyKind.SimpleString, text: text);

    /// <summary>An error reply.</summary>
    public static RedisReply Error(string message) => new(RedisReplyKind.Error, text: message);

    /// <summary>An integer reply.</summary>
    public static RedisReply Integer(long value) => new(RedisReplyKind.Integer, integer: value);

    /// <summary>A bulk (binary-safe) string reply.</summary>
    public static RedisReply Bulk(byte[] value) => new(RedisReplyKind.BulkString, bytes: value);

    /// <summary>An array reply.</summary>
    public static RedisReply Array(RedisReply[] elements) => new(RedisReplyKind.Array, elements: elements);

    /// <summary>A RESP3 map reply (elements alternate key, value).</summary>
    public static RedisReply Map(RedisReply[] keysAndValues) => new(RedisReplyKind.Map, elements: keysAndValues);

    /// <summary>A RESP3 double reply.</summary>
    public static RedisReply Double(double value) => new(RedisReplyKind.Double, number: value);

    /// <summary>A RESP3 boolean reply.</summary>
    public static RedisReply Boolean(bool value) => new(RedisReplyKind.Boolean, integer: value ? 1 : 0);

    /// <summary>The RESP type.</summary>
    public RedisReplyKind Kind { get; }

    /// <summary>True for the null bulk string, the null array and RESP3 null.</summary>
    public bool IsNull => Kind == RedisReplyKind.Null;

    /// <summary>True for an error reply.</summary>
    public bool IsError => Kind == RedisReplyKind.Error;

    /// <summary>The elements of an array, set, push or map reply; empty for other kinds.</summary>
    public IReadOnlyList<RedisReply> Elements => _elements ?? NoElements;

    /// <summary>The value as text (UTF-8 for bulk strings); null for a null reply.</summary>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.SimpleString or RedisReplyKind.Error => _text,
        RedisReplyKind.BulkString => Encoding.UTF8.GetString(_bytes!),
        RedisReplyKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyKind.Double => _double.ToString("R", CultureInfo.InvariantCulture),
        RedisReplyKind.Boolean => _integer != 0 ? "true" : "false",
        RedisReplyKind.Null => null,
        _ => throw new InvalidCastException($"A {Kind} reply is not a string."),
    };

    /// <summary>The raw bytes of a bulk string (UTF-8 of a simple string); null for a null reply.</summary>
    public byte[]? AsBytes() => Kind switch
    {
        RedisReplyKind.BulkString => _bytes,
        RedisReplyKind.Null => null,
        _ => Encoding.UTF8.GetBytes(AsString()!),
    };

    /// <summary>The value as an integer: an integer reply, or a string holding one.</summary>
    /// <exception cref="InvalidCastException">The reply is null, an array, or not a whole number.</exception>
    public long AsInt64() => Kind switch
    {
        RedisReplyKind.Integer or RedisReplyKind.Boolean => _integer,
        RedisReplyKind.SimpleString or RedisReplyKind.BulkString when long.TryParse(AsString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new InvalidCastException($"A {Kind} reply '{Describe()}' is not an integer."),
    };

    /// <summary>The value as a double: a RESP3 double, an integer, or a string holding a number.</summary>
    public double AsDouble() => Kind switch
    {
        RedisReplyKind.Double => _double,
        RedisReplyKind.Integer => _integer,
        RedisReplyKind.SimpleString or RedisReplyKind.BulkString when double.TryParse(AsString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new InvalidCastException($"A {Kind} reply '{Describe()}' is not a number."),
    };

    /// <summary>Throws <see cref="RedisServerException"/> when this is an error reply; returns this reply otherwise.</summary>
    public RedisReply ThrowIfError(string command)
    {
        if (IsError)
        {
            throw new RedisServerException(command, _text!);
        }

        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        RedisReplyKind.Array or RedisReplyKind.Map => $"{Kind}[{Elements.Count}]",
        RedisReplyKind.Null => "(nil)",
        _ => $"{Kind}: {AsString()}",
    };

    private string Describe() => Kind is RedisReplyKind.Array or RedisReplyKind.Map or RedisReplyKind.Null ? Kind.ToString() : AsString() ?? "";
}
