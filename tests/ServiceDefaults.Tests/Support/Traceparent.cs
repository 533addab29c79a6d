using System.Diagnostics;

namespace ServiceDefaults.Tests.Support;

/// <summary>A fresh sampled W3C trace context, so a test finds its own spans among those of parallel tests.</summary>
internal sealed record Traceparent(ActivityTraceId TraceId)
{
    public static Traceparent New() => new(ActivityTraceId.CreateRandom());

    public string Header => $"00-{TraceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    public HttpRequestMessage Get(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("traceparent", Header);
        return request;
    }
}
