using System.Text.Json;

namespace Workiom.Queries.Tests.Support;

/// <summary>
/// Compares JSON documents by meaning: whitespace and key order do not matter; key sets, array
/// order, strings, numbers (by value), booleans and nulls do.
/// </summary>
internal static class JsonAssert
{
    public static void Equal(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        var difference = FindDifference(expectedDocument.RootElement, actualDocument.RootElement, "$");
        if (difference is not null)
        {
            Assert.Fail($"JSON differs at {difference}.\nExpected: {Normalize(expected)}\nActual:   {Normalize(actual)}");
        }
    }

    private static string Normalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }

    private static string? FindDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(static p => p.Name).OrderBy(static n => n, StringComparer.Ordinal).ToArray();
                var actualNames = actual.EnumerateObject().Select(static p => p.Name).OrderBy(static n => n, StringComparer.Ordinal).ToArray();
                if (!expectedNames.SequenceEqual(actualNames, StringComparer.Ordinal))
                {
                    return $"{path}: expected keys [{string.Join(", ", expectedNames)}], got [{string.Join(", ", actualNames)}]";
                }

                foreach (var property in expected.EnumerateObject())
                {
                    var difference = FindDifference(property.Value, actual.GetProperty(property.Name), path + "." + property.Name);
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}";
                }

                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    var difference = FindDifference(expected[i], actual[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return expected.GetDecimal() == actual.GetDecimal() ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            case JsonValueKind.String:
                return string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal)
                    ? null
                    : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            default:
                return null;
        }
    }
}
