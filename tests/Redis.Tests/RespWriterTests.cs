using System.Buffers;
using System.Text;
using Platform.Redis;
using Platform.Redis.Protocol;

namespace Platform.Redis.Tests;

public sealed class RespWriterTests
{
    private static string Write(RedisCommand command)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RespWriter.Write(buffer, command);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Command_is_written_as_an_array_of_bulk_strings()
    {
        Assert.Equal("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n", Write(new RedisCommand("set", "k", "value")));
    }

    [Fact]
    public void Numbers_are_written_in_invariant_culture()
    {
        Assert.Equal("*4\r\n$7\r\nHINCRBY\r\n$1\r\nk\r\n$2\r\n-5\r\n$3\r\n1.5\r\n", Write(new RedisCommand("HINCRBY", "k", -5, 1.5)));
    }

    [Fact]
    public void Utf8_and_binary_arguments_are_length_prefixed_in_bytes()
    {
        Assert.Equal("*3\r\n$4\r\nECHO\r\n$2\r\né\r\n$2\r\n\r\n\r\n", Write(new RedisCommand("ECHO", "é", new byte[] { 13, 10 })));
    }

    [Fact]
    public void Null_argument_is_rejected_at_the_call_site()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RedisCommand("SET", "k", null));

        Assert.Contains("Argument 1 of SET is null", ex.Message);
    }
}
