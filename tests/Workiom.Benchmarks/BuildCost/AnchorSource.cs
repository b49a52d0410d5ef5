using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workiom.Benchmarks.BuildCost;

/// <summary>
/// The anchor of the build-cost benchmark: the same lists' fields written the way a user would without the
/// generator, as plain classes with <c>[JsonPropertyName("&lt;fieldId&gt;")]</c> on every property, nested
/// classes for options, users, files, links and checklist items, and a System.Text.Json source-generated
/// <c>JsonSerializerContext</c> whose number handling accepts numeric strings (Workiom sends user ids as strings).
/// The property types follow the generated record's (<c>string?</c>, <c>decimal?</c>, <c>long?</c>, <c>bool?</c>,
/// lists for multi-valued fields, <c>JsonElement?</c> for rollups and unknown kinds), except dates: every date
/// field is a <c>DateTimeOffset?</c>, because Workiom sends date-only values as full timestamps, which
/// System.Text.Json's <c>DateOnly</c> refuses.
/// </summary>
public static class AnchorSource
{
    public const string Namespace = "Consumer.Lists";

    public const string ContextName = "AnchorJsonContext";

    /// <summary>One source file per list (file name, text), then the shared value classes and the context.</summary>
    public static IReadOnlyList<(string FileName, string Text)> Files(IReadOnlyList<string> snapshots)
    {
        var files = new List<(string, string)>();
        var typeNames = new List<string>();
        foreach (string snapshot in snapshots)
        {
            using var document = JsonDocument.Parse(snapshot);
            var list = document.RootElement.TryGetProperty("result", out var result) ? result : document.RootElement;
            string typeName = Identifier(list.GetProperty("name").GetString()!);
            typeNames.Add(typeName);
            files.Add((typeName + ".cs", RecordClass(typeName, list.GetProperty("fields"))));
        }

        files.Add(("Values.cs", ValueClasses));
        files.Add((ContextName + ".cs", Context(typeNames)));
        return files;
    }

    /// <summary>The C# name a user would give a list or field: its words capitalised and joined.</summary>
    public static string Identifier(string name)
    {
        var text = new StringBuilder();
        bool startWord = true;
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                startWord = true;
                continue;
            }

            text.Append(startWord ? char.ToUpperInvariant(c) : c);
            startWord = false;
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, 'F');
        }

        return text.ToString();
    }

    private static string RecordClass(string typeName, JsonElement fields)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { typeName, "Id" };
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace {{Namespace}};

            public sealed class {{typeName}}
            {
                [JsonPropertyName("_id")]
                public string? Id { get; set; }

            """);
        foreach (var field in fields.EnumerateArray())
        {
            string id = field.GetProperty("id").GetRawText();
            string name = Identifier(field.GetProperty("name").GetString()!);
            if (!used.Add(name))
            {
                name += id;
                used.Add(name);
            }

            int dataType = field.GetProperty("dataType").GetInt32();
            bool multiple = field.TryGetProperty("allowMultiple", out var allow) && allow.ValueKind == JsonValueKind.True;
            var (type, initializer) = PropertyType(dataType, multiple);
            text.Append(CultureInfo.InvariantCulture, $$"""

                    [JsonPropertyName("{{id}}")]
                    public {{type}} {{name}} { get; set; }{{initializer}}

                """);
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static (string Type, string Initializer) PropertyType(int dataType, bool multiple) => dataType switch
    {
        0 or 7 or 8 or 11 => ("string?", ""),
        1 or 13 or 19 => ("decimal?", ""),
        2 => ("DateTimeOffset?", ""),
        3 => ("bool?", ""),
        4 or 16 when !multiple => ("OptionValue?", ""),
        4 or 16 or 17 => ("List<OptionValue>", " = new();"),
        5 => ("List<LinkValue>", " = new();"),
        6 when !multiple => ("UserValue?", ""),
        6 or 18 => ("List<UserValue>", " = new();"),
        9 or 22 => ("List<FileValue>", " = new();"),
        12 or 14 => ("long?", ""),
        15 => ("List<CheckListItemValue>", " = new();"),
        _ => ("JsonElement?", ""),
    };

    private static string Context(IEnumerable<string> typeNames)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            using System.Text.Json.Serialization;

            namespace {Namespace};

            [JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]

            """);
        foreach (string typeName in typeNames)
        {
            text.Append(CultureInfo.InvariantCulture, $"[JsonSerializable(typeof({typeName}))]\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"public sealed partial class {ContextName} : JsonSerializerContext\n{{\n}}\n");
        return text.ToString();
    }

    private const string ValueClasses = $$"""
        using System.Text.Json.Serialization;

        namespace {{Namespace}};

        public sealed class OptionValue
        {
            [JsonPropertyName("id")]
            public string? Id { get; set; }

            [JsonPropertyName("label")]
            public string? Label { get; set; }

            [JsonPropertyName("order")]
            public int? Order { get; set; }

            [JsonPropertyName("color")]
            public string? Color { get; set; }

            [JsonPropertyName("isClosed")]
            public bool? IsClosed { get; set; }
        }

        public sealed class UserValue
        {
            [JsonPropertyName("id")]
            public long Id { get; set; }

            [JsonPropertyName("fullname")]
            public string? FullName { get; set; }

            [JsonPropertyName("emailAddress")]
            public string? EmailAddress { get; set; }

            [JsonPropertyName("userType")]
            public int? UserType { get; set; }

            [JsonPropertyName("isActive")]
            public bool? IsActive { get; set; }
        }

        public sealed class LinkValue
        {
            [JsonPropertyName("_id")]
            public string? Id { get; set; }

            [JsonPropertyName("label")]
            public string? Label { get; set; }
        }

        public sealed class FileValue
        {
            [JsonPropertyName("_id")]
            public string? Id { get; set; }

            [JsonPropertyName("FileToken")]
            public string? FileToken { get; set; }

            [JsonPropertyName("FileName")]
            public string? FileName { get; set; }

            [JsonPropertyName("ContentType")]
            public string? ContentType { get; set; }

            [JsonPropertyName("Size")]
            public long? Size { get; set; }

            [JsonPropertyName("HasThumbnail")]
            public bool? HasThumbnail { get; set; }

            [JsonPropertyName("IsImage")]
            public bool? IsImage { get; set; }

            [JsonPropertyName("FileUrl")]
            public string? FileUrl { get; set; }

            [JsonPropertyName("ThumbnailUrl")]
            public string? ThumbnailUrl { get; set; }
        }

        public sealed class CheckListItemValue
        {
            [JsonPropertyName("label")]
            public string? Label { get; set; }

            [JsonPropertyName("check")]
            public bool Check { get; set; }
        }

        """;
}
