using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// The standard OTEL_* variables, read from <see cref="IConfiguration"/> (which includes the
/// environment) rather than by the SDK from the process environment, so that a host configured in
/// memory (tests, the AppHost) is exported exactly like one configured by environment variables.
/// </summary>
internal sealed class OtlpSettings
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string HeadersKey = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";
    public const string MetricExportIntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";

    public Uri? Endpoint { get; private init; }
    public OtlpExportProtocol Protocol { get; private init; }
    public string? Headers { get; private init; }
    public string ServiceName { get; private init; } = "unknown_service";
    public IReadOnlyList<KeyValuePair<string, object>> ResourceAttributes { get; private init; } = [];
    public int? MetricExportIntervalMilliseconds { get; private init; }

    /// <summary>Exporting is on only when an endpoint is given (Aspire's convention).</summary>
    public bool ExportEnabled => Endpoint is not null;

    public static OtlpSettings From(IConfiguration configuration, string applicationName)
    {
        var endpoint = configuration[EndpointKey];
        var protocol = configuration[ProtocolKey]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException(
                $"Unsupported {ProtocolKey} '{other}': use 'grpc' or 'http/protobuf'."),
        };
        var serviceName = configuration[ServiceNameKey];
        var attributes = ParseAttributes(configuration[ResourceAttributesKey]);
        if (!string.IsNullOrWhiteSpace(serviceName))
        {
            // OTEL_SERVICE_NAME wins over a service.name inside OTEL_RESOURCE_ATTRIBUTES (OTel spec).
            attributes.RemoveAll(a => a.Key == "service.name");
        }
        else
        {
            serviceName = attributes.FirstOrDefault(a => a.Key == "service.name").Value as string ?? applicationName;
        }

        if (!attributes.Any(a => a.Key == "service.instance.id"))
        {
            // One id per process, shared by traces, metrics and logs so they join on the same instance.
            attributes.Add(new("service.instance.id", Guid.NewGuid().ToString()));
        }

        return new OtlpSettings
        {
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? null : new Uri(endpoint, UriKind.Absolute),
            Protocol = protocol,
            Headers = configuration[HeadersKey],
            ServiceName = serviceName,
            ResourceAttributes = attributes,
            MetricExportIntervalMilliseconds = int.TryParse(configuration[MetricExportIntervalKey], out var ms) && ms > 0 ? ms : null,
        };
    }

    /// <summary>The resource every signal carries: service name, instance id, the given attributes.</summary>
    public ResourceBuilder CreateResourceBuilder() =>
        ResourceBuilder.CreateEmpty()
            .AddService(ServiceName, autoGenerateServiceInstanceId: false)
            .AddAttributes(ResourceAttributes)
            .AddTelemetrySdk();

    /// <summary>
    /// Points the exporter at the collector. An endpoint set in code is used verbatim by the 1.20
    /// exporter (only the endpoint it reads from the environment gets the signal path appended), so
    /// for http/protobuf we append <c>v1/traces</c>, <c>v1/metrics</c> or <c>v1/logs</c> ourselves;
    /// gRPC uses the bare endpoint.
    /// </summary>
    public void Apply(OtlpExporterOptions options, string signalPath)
    {
        if (Endpoint is null)
        {
            return;
        }

        options.Protocol = Protocol;
        options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf ? AppendPath(Endpoint, signalPath) : Endpoint;
        if (!string.IsNullOrWhiteSpace(Headers))
        {
            options.Headers = Headers;
        }
    }

    internal static Uri AppendPath(Uri endpoint, string signalPath)
    {
        var text = endpoint.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + signalPath : text + "/" + signalPath);
    }

    private static List<KeyValuePair<string, object>> ParseAttributes(string? value)
    {
        var result = new List<KeyValuePair<string, object>>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return result;
        }

        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0)
            {
                continue; // The spec says to ignore malformed entries rather than fail the service.
            }

            var key = Uri.UnescapeDataString(pair[..separator].Trim());
            var item = Uri.UnescapeDataString(pair[(separator + 1)..].Trim());
            result.RemoveAll(a => a.Key == key);
            result.Add(new(key, item));
        }

        return result;
    }
}
