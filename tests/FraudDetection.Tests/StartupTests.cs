using Microsoft.Extensions.Options;
using Platform.FraudDetection.Tests.Infrastructure;

namespace Platform.FraudDetection.Tests;

/// <summary>Configuration the service cannot work with stops its start with a message that names the setting.</summary>
public sealed class StartupTests
{
    [Fact]
    public void Without_a_Kafka_connection_string_the_start_fails_naming_it()
    {
        using var factory = FraudDetectionApp.Create(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = null,
            ["services:flagservice:http:0"] = "http://127.0.0.1:9",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("ConnectionStrings:kafka", error.ToString());
    }

    [Fact]
    public void A_slow_consumer_delay_out_of_range_fails_the_start_naming_the_field()
    {
        using var factory = FraudDetectionApp.Create(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = "127.0.0.1:9",
            ["services:flagservice:http:0"] = "http://127.0.0.1:9",
            ["FraudDetection:SlowConsumerDelay"] = "00:05:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("SlowConsumerDelay", error.Message);
    }
}
