using System.ComponentModel.DataAnnotations;

namespace Platform.Cart;

/// <summary>Configuration section <c>Cart</c>.</summary>
public sealed class CartOptions
{
    public const string SectionName = "Cart";

    /// <summary>
    /// How long a cart lives after its last change; every write sets it again. Default one hour, as
    /// the OpenTelemetry demo's cart: carts of simulated users vanish on their own, so Redis' memory
    /// stays bounded under the load generator.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest a Redis call may take: connecting, and each command (sync and async timeouts). A
    /// silent or dead Redis turns into a 503 after this long instead of holding the request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The Redis that <c>DELETE /api/cart/{userId}</c> talks to while the <c>cartFailure</c> flag is on: an
    /// address where nothing listens, so the failure is a real failed Redis command in the trace
    /// (as the demo's cart uses a bad Redis address). StackExchange.Redis format.
    /// </summary>
    [Required]
    public string FailureConnectionString { get; set; } = "127.0.0.1:1,connectTimeout=500,asyncTimeout=500,syncTimeout=500";
}
