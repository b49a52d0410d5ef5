using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Workiom.PackageTests;

/// <summary>A snapshot file the consumer lists as a <c>WorkiomSchema</c>: its file name and its exact text.</summary>
public sealed record SnapshotFile(string FileName, string Json)
{
    public override string ToString() => FileName;

    /// <summary>
    /// A <c>Lists/Get</c> reply (in its <c>{"result": ...}</c> envelope) written with System.Text.Json, so every
    /// name, description and id reaches the file exactly as given, whatever characters it holds.
    /// </summary>
    public static SnapshotFile List(string fileName, string listId, string name, string? description, params FieldSnapshot[] fields)
    {
        var buffer = new MemoryStream();
        // Escape everything but ASCII letters and digits, so the file is plain ASCII and the names survive any editor.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("result");
            writer.WriteString("id", listId);
            writer.WriteString("name", name);
            writer.WriteString("description", description);
            writer.WriteStartArray("fields");
            foreach (var field in fields)
            {
                field.WriteTo(writer, listId);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new SnapshotFile(fileName, Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

/// <summary>One field of a <see cref="SnapshotFile.List"/> snapshot.</summary>
public sealed record FieldSnapshot(int Id, string Name, int DataType, string? Description, IReadOnlyList<OptionSnapshot> Options)
{
    public const int TextType = 0, NumberType = 1, StaticSelectType = 4;

    public static FieldSnapshot Text(int id, string name, string? description = null) => new(id, name, TextType, description, []);

    public static FieldSnapshot Number(int id, string name) => new(id, name, NumberType, null, []);

    public static FieldSnapshot Select(int id, string name, params OptionSnapshot[] options) => new(id, name, StaticSelectType, null, options);

    internal void WriteTo(Utf8JsonWriter writer, string listId)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", Id);
        writer.WriteString("name", Name);
        writer.WriteString("description", Description ?? "");
        writer.WriteNumber("dataType", DataType);
        writer.WriteString("listId", listId);
        writer.WriteStartArray("staticListValues");
        int order = 0;
        foreach (var option in Options)
        {
            writer.WriteStartObject();
            writer.WriteString("id", option.Id);
            writer.WriteString("label", option.Label);
            writer.WriteNumber("order", order++);
            writer.WriteString("color", "#9e9e9e");
            writer.WriteBoolean("isClosed", false);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("isPrimary", false);
        writer.WriteBoolean("isRequired", false);
        writer.WriteBoolean("allowMultiple", false);
        writer.WriteBoolean("isComputed", false);
        writer.WriteNumber("systemFieldType", 0);
        writer.WriteBoolean("isDeleted", false);
        writer.WriteEndObject();
    }
}

/// <summary>One option of a select field.</summary>
public sealed record OptionSnapshot(string Id, string Label);
