using System.Buffers;
using System.Text;
using Platform.Redis;
using Platform.Redis.Protocol;

namespace Platform.Redis.Tests;

public sealed class RespParserTests
{
    private static RedisReply Parse(string resp) => RespParser.Parse(Encoding.UTF8.GetBytes(resp));

    [Fact]
    public void Simple_string_is_parsed()
    {
        var reply = Parse("+OK\r\n");

        Assert.Equal(RedisReplyKind.SimpleString, reply.Kind);
        Assert.Equal("OK", reply.AsString());
    }

    [Fact]
    public void Error_is_parsed_as_an_error_reply()
    {
        var reply = Parse("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");

        Assert.True(reply.IsError);
        Assert.Equal("WRONGTYPE Operation against a key holding the wrong kind of value", reply.AsString());
        var ex = Assert.Throws<RedisServerException>(() => reply.ThrowIfError("HINCRBY"));
        Assert.Equal("WRONGTYPE", ex.ErrorCode);
    }

    [Theory]
    [InlineData(":0\r\n", 0L)]
    [InlineData(":1000\r\n", 1000L)]
    [InlineData(":-42\r\n", -42L)]
    [InlineData(":9223372036854775807\r\n", long.MaxValue)]
    public void Integer_is_parsed(string resp, long expected)
    {
        var reply = Parse(resp);

        Assert.Equal(RedisReplyKind.Integer, reply.Kind);
        Assert.Equal(expected, reply.AsInt64());
    }

    [Fact]
    public void Bulk_string_is_binary_safe()
    {
        var reply = Parse("$8\r\nfoo\r\nbar\r\n");

        Assert.Equal(RedisReplyKind.BulkString, reply.Kind);
        Assert.Equal("foo\r\nbar", reply.AsString());
    }

    [Fact]
    public void Empty_bulk_string_is_empty_not_null()
    {
        var reply = Parse("$0\r\n\r\n");

        Assert.False(reply.IsNull);
        Assert.Equal("", reply.AsString());
    }

    [Theory]
    [InlineData("$-1\r\n")]
    [InlineData("*-1\r\n")]
    [InlineData("_\r\n")]
    public void Null_bulk_null_array_and_resp3_null_are_null(string resp)
    {
        var reply = Parse(resp);

        Assert.True(reply.IsNull);
        Assert.Null(reply.AsString());
    }

    [Fact]
    public void Array_of_mixed_types_is_parsed()
    {
        var reply = Parse("*3\r\n$3\r\nfoo\r\n:7\r\n$-1\r\n");

        Assert.Equal(RedisReplyKind.Array, reply.Kind);
        Assert.Equal(3, reply.Elements.Count);
        Assert.Equal("foo", reply.Elements[0].AsString());
        Assert.Equal(7, reply.Elements[1].AsInt64());
        Assert.True(reply.Elements[2].IsNull);
    }

    [Fact]
    public void Empty_array_has_no_elements()
    {
        var reply = Parse("*0\r\n");

        Assert.Equal(RedisReplyKind.Array, reply.Kind);
        Assert.Empty(reply.Elements);
    }

    [Fact]
    public void Nested_array_is_parsed()
    {
        var reply = Parse("*2\r\n*2\r\n:1\r\n:2\r\n*1\r\n+three\r\n");

        Assert.Equal(2, reply.Elements.Count);
        Assert.Equal(new[] { 1L, 2L }, reply.Elements[0].Elements.Select(e => e.AsInt64()));
        Assert.Equal("three", reply.Elements[1].Elements[0].AsString());
    }

    [Fact]
    public void Resp3_types_are_tolerated()
    {
        var reply = Parse("*5\r\n,3.5\r\n#t\r\n%1\r\n+key\r\n:1\r\n=7\r\ntxt:abc\r\n(12345678901234567890\r\n");

        Assert.Equal(3.5, reply.Elements[0].AsDouble());
        Assert.Equal(1, reply.Elements[1].AsInt64());
        Assert.Equal(RedisReplyKind.Map, reply.Elements[2].Kind);
        Assert.Equal(new Dictionary<string, string> { ["key"] = "1" }, RedisClient.ToDictionary(reply.Elements[2]));
        Assert.Equal("abc", reply.Elements[3].AsString());
        Assert.Equal("12345678901234567890", reply.Elements[4].AsString());
    }

    [Theory]
    [InlineData("+OK")]
    [InlineData("+OK\r")]
    [InlineData(":12")]
    [InlineData("$5\r\nhel")]
    [InlineData("$5\r\nhello")]
    [InlineData("$5\r\nhello\r")]
    [InlineData("*2\r\n:1\r\n")]
    [InlineData("*2\r\n*1\r\n:1\r\n$3\r\nab")]
    public void Incomplete_reply_returns_false_and_consumes_nothing(string resp)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(resp)));

        var complete = RespParser.TryParse(ref reader, out _);

        Assert.False(complete);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void Reply_split_across_buffers_at_every_position_is_parsed()
    {
        var bytes = Encoding.UTF8.GetBytes("*3\r\n$5\r\nhello\r\n*2\r\n:1\r\n+ok\r\n-ERR x\r\n");
        for (var split = 1; split < bytes.Length; split++)
        {
            var sequence = Segments(bytes[..split], bytes[split..]);
            var reader = new SequenceReader<byte>(sequence);

            Assert.True(RespParser.TryParse(ref reader, out var reply), $"split at {split}");
            Assert.Equal("hello", reply.Elements[0].AsString());
            Assert.Equal("ok", reply.Elements[1].Elements[1].AsString());
            Assert.Equal("ERR x", reply.Elements[2].AsString());
            Assert.True(reader.End);
        }
    }

    [Fact]
    public void Reply_arriving_byte_by_byte_completes_only_at_the_last_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("*2\r\n$3\r\nfoo\r\n:42\r\n");
        for (var length = 1; length < bytes.Length; length++)
        {
            var partial = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes[..length]));
            Assert.False(RespParser.TryParse(ref partial, out _), $"complete after {length} bytes");
        }

        var full = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        Assert.True(RespParser.TryParse(ref full, out var reply));
        Assert.Equal(42, reply.Elements[1].AsInt64());
    }

    [Fact]
    public void Several_replies_in_one_buffer_are_read_one_after_another()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>("+OK\r\n:1\r\n$1\r\nx\r\n"u8.ToArray()));
        var replies = new List<string?>();

        while (RespParser.TryParse(ref reader, out var reply))
        {
            replies.Add(reply.AsString());
        }

        Assert.Equal(new string?[] { "OK", "1", "x" }, replies);
    }

    [Theory]
    [InlineData("?what\r\n", "type byte")]
    [InlineData(":12a\r\n", "number '12a'")]
    [InlineData("$abc\r\n", "number 'abc'")]
    [InlineData("$-2\r\n", "bulk string length -2")]
    [InlineData("$3\r\nfooXY", "not followed by CRLF")]
    [InlineData("*-5\r\n", "aggregate length -5")]
    [InlineData("#x\r\n", "boolean 'x'")]
    [InlineData(":\r\n", "number line of 0 bytes")]
    public void Bad_input_is_a_protocol_error(string resp, string expected)
    {
        var ex = Assert.Throws<RedisProtocolException>(() => Parse(resp));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Number_line_without_crlf_beyond_64_bytes_is_a_protocol_error()
    {
        var ex = Assert.Throws<RedisProtocolException>(() => Parse(":" + new string('1', 80)));

        Assert.Contains("without CRLF", ex.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_a_protocol_error()
    {
        var resp = string.Concat(Enumerable.Repeat("*1\r\n", RespParser.MaxDepth + 2)) + ":1\r\n";

        Assert.Throws<RedisProtocolException>(() => Parse(resp));
    }

    private static ReadOnlySequence<byte> Segments(byte[] first, byte[] second)
    {
        var start = new Segment(first, 0);
        var end = start.Append(second);
        return new ReadOnlySequence<byte>(start, 0, end, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
