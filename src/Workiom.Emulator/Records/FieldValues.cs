using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Records;

/// <summary>Shapes shared by the writer, the reader and the filters.</summary>
internal static class FieldValues
{
    public static string FormatDate(DateTimeOffset value, bool dateOnly)
    {
        if (dateOnly)
        {
            return value.Date.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture);
        }

        var utc = value.ToUniversalTime();
        return utc.Millisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    public static bool TryParseDate(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);

    public static JsonObject UserReadShape(EmulatorUser user) => new()
    {
        ["id"] = user.Id.ToString(CultureInfo.InvariantCulture),
        ["fullname"] = user.FullName,
        ["emailAddress"] = user.EmailAddress,
        ["userType"] = 1,
        ["isActive"] = true,
    };

    /// <summary>
    /// A value stored as sent: the read shape's keys overlaid with every key the client sent (its
    /// spelling, value and value kind win; keys the service does not know are kept). A value sent in
    /// a compact form (a label, a bare id) is stored in the read shape.
    /// </summary>
    public static JsonObject AsSent(JsonObject readShape, JsonNode? sent)
    {
        if (sent is not JsonObject given)
        {
            return readShape;
        }

        foreach (var (key, value) in given)
        {
            var same = readShape.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (same is not null)
            {
                readShape.Remove(same);
            }
        }

        foreach (var (key, value) in given)
        {
            readShape[key] = value?.DeepClone();
        }

        return readShape;
    }

    public static JsonObject OptionReadShape(OptionSchema option, bool withStatus)
    {
        var shape = new JsonObject
        {
            ["id"] = option.Id,
            ["label"] = option.Label,
            ["order"] = option.Order,
        };
        if (withStatus)
        {
            shape["color"] = option.Color?.DeepClone();
            shape["isClosed"] = option.IsClosed;
        }

        return shape;
    }

    /// <summary>Items of a value the service sends as an array but sometimes as one object.</summary>
    public static IReadOnlyList<JsonNode?> Items(JsonNode? value) => value switch
    {
        null => [],
        JsonArray array => array.ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => [],
        _ => [value],
    };

    /// <summary>The text a record shows for a value: what a LinkList label or quick search uses.</summary>
    public static string? DisplayText(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonValue v:
                return JsonRead.String(v);
            case JsonObject o:
                return JsonRead.String(o, "label") ?? JsonRead.String(o, "fullname") ?? JsonRead.String(o, "FileName");
            case JsonArray a:
                var parts = a.Select(DisplayText).Where(t => !string.IsNullOrEmpty(t)).ToList();
                return parts.Count == 0 ? null : string.Join(", ", parts);
            default:
                return null;
        }
    }

    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.String => v.GetValue<string>().Length == 0,
            _ => false,
        },
        _ => false,
    };

    // Dividing by 1.000… drops trailing zeros, so 45000 * 25 / 100 reads 11250, not 11250.000000.
    public static JsonNode Number(decimal value) => JsonValue.Create(value / 1.0000000000000000000000000000m);
}
