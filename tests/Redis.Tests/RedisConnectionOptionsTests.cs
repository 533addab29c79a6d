using Platform.Redis;

namespace Platform.Redis.Tests;

public sealed class RedisConnectionOptionsTests
{
    [Fact]
    public void Aspire_connection_string_gives_endpoint_and_password()
    {
        var options = RedisConnectionOptions.Parse("127.0.0.1:6380,password=s3cr=t");

        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("s3cr=t", options.Password);
        Assert.False(options.Ssl);
    }

    [Fact]
    public void Defaults_are_port_6379_database_0_and_two_second_timeouts()
    {
        var options = RedisConnectionOptions.Parse("localhost");

        Assert.Equal(6379, options.Port);
        Assert.Equal(0, options.Database);
        Assert.Null(options.Password);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.CommandTimeout);
    }

    [Fact]
    public void Options_are_read_case_insensitively()
    {
        var options = RedisConnectionOptions.Parse("redis.example:7000, Password=p ,SSL=true,connectTimeout=500,syncTimeout=750,defaultDatabase=3,user=app,name=cart,abortConnect=false");

        Assert.Equal("redis.example", options.Host);
        Assert.Equal(7000, options.Port);
        Assert.Equal("p", options.Password);
        Assert.Equal("app", options.User);
        Assert.True(options.Ssl);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(750), options.CommandTimeout);
        Assert.Equal(3, options.Database);
        Assert.Equal("cart", options.ClientName);
    }

    [Fact]
    public void Bracketed_ipv6_endpoint_is_parsed()
    {
        var options = RedisConnectionOptions.Parse("[::1]:6390");

        Assert.Equal("::1", options.Host);
        Assert.Equal(6390, options.Port);
        Assert.Equal("[::1]:6390", options.EndPoint);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("127.0.0.1:abc", "port 'abc'")]
    [InlineData("127.0.0.1:70000", "port '70000'")]
    [InlineData("127.0.0.1:6379,ssl=maybe", "'ssl' must be true or false")]
    [InlineData("127.0.0.1:6379,connectTimeout=soon", "'connectTimeout' must be a whole number")]
    [InlineData("127.0.0.1:6379,colour=blue", "option 'colour' is not supported")]
    [InlineData("password=x", "no 'host:port' endpoint")]
    [InlineData("a:1,b:2", "'b:2' is a second endpoint")]
    [InlineData("::1:6379", "write it as '[address]:port'")]
    public void Bad_connection_string_names_the_bad_part(string connectionString, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => RedisConnectionOptions.Parse(connectionString));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void ToString_never_shows_the_password()
    {
        var options = RedisConnectionOptions.Parse("127.0.0.1:6379,password=topsecret");

        Assert.DoesNotContain("topsecret", options.ToString());
    }
}
