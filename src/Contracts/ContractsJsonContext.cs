using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Contracts;

/// <summary>
/// Source-generated System.Text.Json metadata for every integration event (camelCase names;
/// a missing or null required field fails to parse).
/// <code>var bytes = JsonSerializer.SerializeToUtf8Bytes(order, ContractsJsonContext.Default.OrderPlaced);</code>
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OrderPlaced))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
