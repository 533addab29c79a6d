using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlagService.Evaluation;
using FlagService.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagService.Apis;

/// <summary>
/// The OpenFeature Remote Evaluation Protocol (OFREP, https://github.com/open-feature/protocol):
/// <c>POST /ofrep/v1/evaluate/flags/{key}</c> and the bulk <c>POST /ofrep/v1/evaluate/flags</c>, both
/// with body <c>{ "context": { "targetingKey": "...", ... } }</c>.
/// </summary>
public static class OfrepApi
{
    public static IEndpointRouteBuilder MapOfrepApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/ofrep/v1").WithTags("OFREP");
        api.MapPost("/evaluate/flags/{key}", EvaluateFlag).WithName("OfrepEvaluateFlag").WithSummary("Evaluates one flag");
        api.MapPost("/evaluate/flags", EvaluateAll).WithName("OfrepEvaluateFlags").WithSummary("Evaluates every flag (ETag / If-None-Match → 304)");
        api.MapGet("/configuration", Configuration).WithName("OfrepConfiguration").WithSummary("OFREP provider configuration");
        return app;
    }

    /// <summary>200 <c>{key, value, reason, variant, metadata}</c>; 400 <c>{key, errorCode, errorDetails}</c>; 404 FLAG_NOT_FOUND.</summary>
    public static async Task<Results<Ok<JsonObject>, BadRequest<JsonObject>, NotFound<JsonObject>>> EvaluateFlag(
        string key, HttpRequest request, FlagEvaluator evaluator)
    {
        var (context, error) = await ReadContextAsync(request);
        if (error is not null)
        {
            return TypedResults.BadRequest(Failure(key, error.Value.Code, error.Value.Details));
        }

        var result = evaluator.Evaluate(key, context);
        return result.ErrorCode switch
        {
            null => TypedResults.Ok(Success(result)),
            ErrorCodes.FlagNotFound => TypedResults.NotFound(Failure(key, result.ErrorCode, result.ErrorDetails!)),
            _ => TypedResults.BadRequest(Failure(key, result.ErrorCode, result.ErrorDetails!)),
        };
    }

    /// <summary>200 <c>{flags: [...]}</c> with an ETag; 304 when If-None-Match matches; 400 <c>{errorCode, errorDetails}</c>.</summary>
    public static async Task<Results<Ok<JsonObject>, StatusCodeHttpResult, BadRequest<JsonObject>>> EvaluateAll(
        HttpRequest request, HttpResponse response, FlagEvaluator evaluator)
    {
        var (context, error) = await ReadContextAsync(request);
        if (error is not null)
        {
            return TypedResults.BadRequest(new JsonObject { ["errorCode"] = error.Value.Code, ["errorDetails"] = error.Value.Details });
        }

        var flags = new JsonArray();
        foreach (var result in evaluator.EvaluateAll(context))
        {
            flags.Add(result.IsError ? Failure(result.Key, result.ErrorCode!, result.ErrorDetails!) : Success(result));
        }

        var body = new JsonObject { ["flags"] = flags };
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())))[..32]}\"";
        response.Headers.ETag = etag;
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Select(t => t.Trim()).Contains(etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(body);
    }

    /// <summary>What this flag management system supports (polling for bulk changes).</summary>
    public static Ok<JsonObject> Configuration() => TypedResults.Ok(new JsonObject
    {
        ["name"] = "flagservice",
        ["capabilities"] = new JsonObject
        {
            ["cacheInvalidation"] = new JsonObject { ["polling"] = new JsonObject { ["enabled"] = true, ["minPollingInterval"] = 1000 } },
            ["flagEvaluation"] = new JsonObject { ["unsupportedTypes"] = new JsonArray() },
        },
    });

    private static JsonObject Success(EvaluationResult result)
    {
        var body = new JsonObject { ["key"] = result.Key };
        if (result.Value is not null)
        {
            body["value"] = result.Value.DeepClone();
        }

        body["reason"] = result.Reason;
        if (result.Variant is not null)
        {
            body["variant"] = result.Variant;
        }

        body["metadata"] = result.Metadata?.DeepClone() ?? new JsonObject();
        return body;
    }

    private static JsonObject Failure(string key, string code, string details) =>
        new() { ["key"] = key, ["errorCode"] = code, ["errorDetails"] = details };

    // The body is optional; when present it is {"context": {...}} with a string targetingKey if any.
    /// <summary>The largest evaluation request read (chunked bodies included); far above any real context.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static async Task<(JsonObject? Context, (string Code, string Details)? Error)> ReadContextAsync(HttpRequest request)
    {
        // A context is a few attributes: a body past the limit is refused before it is read, and what is read is strict UTF-8 JSON.
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, (ErrorCodes.ParseError, $"the request body is larger than {MaxBodyBytes / 1024} KiB"));
        }
        if (request.ContentLength != 0 && request.ContentType is not null && !request.HasJsonContentType())
        {
            return (null, (ErrorCodes.ParseError, $"the request body must be application/json, not {request.ContentType}"));
        }

        JsonNode? body;
        try
        {
            using var reader = new StreamReader(request.Body, StrictUtf8);
            var buffer = new char[MaxBodyBytes + 1];
            var length = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted);
            if (length > MaxBodyBytes)
            {
                return (null, (ErrorCodes.ParseError, $"the request body is larger than {MaxBodyBytes / 1024} KiB"));
            }
            var text = new string(buffer, 0, length);
            body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (DecoderFallbackException)
        {
            return (null, (ErrorCodes.ParseError, "the request body is not valid UTF-8"));
        }
        catch (JsonException e)
        {
            return (null, (ErrorCodes.ParseError, $"the request body is not valid JSON: {e.Message}"));
        }

        if (body is null)
        {
            return (null, null);
        }

        if (body is not JsonObject envelope)
        {
            return (null, (ErrorCodes.InvalidContext, "the request body must be an object: {\"context\": {...}}"));
        }

        return envelope["context"] switch
        {
            null => (null, null),
            JsonObject context when IsStringOrNull(context["targetingKey"]) => (context, null),
            JsonObject => (null, (ErrorCodes.InvalidContext, "context.targetingKey must be a string")),
            _ => (null, (ErrorCodes.InvalidContext, "context must be an object")),
        };
    }

    private static bool IsStringOrNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.String;
}
