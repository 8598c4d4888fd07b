using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace OneProxy.Service.Api;

/// <summary>
/// Request bodies are read here, not by model binding, so that every refusal is a 400 naming the
/// field: malformed JSON (with its JSON path), unknown members, missing required members.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(ApiJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    public static IResult Error(int status, string field, string message) =>
        Results.Json(new ApiError(field, message), Options, statusCode: status);

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType()) return (null, Error(415, "content-type", "expected application/json"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return value is null ? (null, Error(400, "body", "expected a JSON object, got null")) : (value, null);
        }
        catch (JsonException e)
        {
            string field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            if (field == "body" && e.Message.Split("including: '") is [_, var rest, ..]) field = rest.Split('\'')[0];
            // The first sentence names the problem; the rest of System.Text.Json's message repeats the path.
            return (null, Error(400, field, $"invalid JSON: {e.Message.Split(" Path:")[0]}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Error(413, "body", e.Message));
        }
    }
}

/// <summary>Every error response: the field at fault (or "body", "key", ...) and why.</summary>
public sealed record ApiError([property: JsonPropertyName("field")] string Field, [property: JsonPropertyName("error")] string Message);
