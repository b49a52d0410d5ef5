using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Schema;

/// <summary>
/// Tolerant reads over the JSON DOM: snapshots and request bodies come from many clients, so ids may be
/// strings or numbers and property names may differ in case.
/// </summary>
internal static class JsonRead
{
    public static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    /// <summary>How deep a request body (and a stored record) may nest.</summary>
    public const int MaxDepth = 64;

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8) =>
        EnsureUniqueNames(JsonNode.Parse(utf8, CaseInsensitive, new JsonDocumentOptions { MaxDepth = MaxDepth }));

    public static JsonNode? Parse(string text) =>
        EnsureUniqueNames(JsonNode.Parse(text, CaseInsensitive, new JsonDocumentOptions { MaxDepth = MaxDepth }));

    /// <summary>
    /// The DOM only notices a repeated property name (compared without regard to case here) when an
    /// object is first read; reading every object now turns that into a JSON error instead of a crash later.
    /// </summary>
    public static JsonNode? EnsureUniqueNames(JsonNode? node)
    {
        try
        {
            Visit(node);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException("A property name appears more than once in an object (names are compared without regard to case).", ex);
        }

        return node;

        static void Visit(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject obj:
                    foreach (var (_, value) in obj)
                    {
                        Visit(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Visit(item);
                    }

                    break;
            }
        }
    }

    public static JsonNode? Get(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var value) ? value : null;

    public static string? String(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    public static string? String(JsonObject obj, string name) => String(Get(obj, name));

    public static long? Long(JsonNode? node)
    {
        var text = String(node);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public static long? Long(JsonObject obj, string name) => Long(Get(obj, name));

    public static int Int(JsonObject obj, string name, int fallback = 0)
    {
        var n = Long(obj, name);
        return n is >= int.MinValue and <= int.MaxValue ? (int)n.Value : fallback;
    }

    public static bool? Bool(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String:
                    return bool.TryParse(value.GetValue<string>(), out var b) ? b : null;
            }
        }

        return null;
    }

    public static bool Bool(JsonObject obj, string name) => Bool(Get(obj, name)) ?? false;

    /// <summary>A JSON number (or a numeric string, which the service also sends now and then).</summary>
    public static decimal? Decimal(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number => decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            JsonValueKind.String => decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null,
            _ => null,
        };
    }

    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;
}
