using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Serialization;

namespace Workiom.Cli.Verify;

/// <summary>
/// A value verify writes into one field, written with the client's own writers
/// (<see cref="WorkiomJsonWriter"/> and <see cref="WorkiomWriteShapes"/>), and read back with the
/// client's own readers (<see cref="WorkiomJsonReader"/>) to compare with what was meant.
/// </summary>
internal sealed class VerifySample
{
    public required VerifyField Field { get; init; }

    public string? Text { get; init; }

    public decimal? Number { get; init; }

    public DateOnly? Date { get; init; }

    public DateTimeOffset? Time { get; init; }

    public bool? Flag { get; init; }

    public IReadOnlyList<VerifyOption>? Options { get; init; }

    public IReadOnlyList<WorkiomUser>? Users { get; init; }

    public IReadOnlyList<WorkiomLink>? Links { get; init; }

    /// <summary>File items read from Workiom, written back exactly as they were read.</summary>
    public IReadOnlyList<JsonElement>? KeptFiles { get; init; }

    /// <summary>Files just uploaded, written in the client's new-file shape.</summary>
    public IReadOnlyList<WorkiomFile>? NewFiles { get; init; }

    public IReadOnlyList<CheckListItem>? CheckList { get; init; }

    /// <summary>A Location (kept as raw JSON by the client): an object with a label.</summary>
    public string? Place { get; init; }

    /// <summary>True when the value clears the field (null).</summary>
    public bool Clears { get; init; }

    /// <summary>The value as the client writes it.</summary>
    public JsonNode? Write(WorkiomWriteShapes shapes) => Json(writer => WriteTo(writer, shapes));

    public void WriteTo(Utf8JsonWriter writer, WorkiomWriteShapes shapes)
    {
        if (Clears)
        {
            writer.WriteNullValue();
            return;
        }

        switch (Field.Type)
        {
            case WorkiomDataType.Text or WorkiomDataType.Website or WorkiomDataType.Email or WorkiomDataType.PhoneNumber:
                WorkiomJsonWriter.WriteString(writer, Text);
                break;
            case WorkiomDataType.Number or WorkiomDataType.Currency or WorkiomDataType.ProgressBar:
                WorkiomJsonWriter.WriteDecimal(writer, Number);
                break;
            case WorkiomDataType.DateTime when Field.DateType == 0:
                WorkiomJsonWriter.WriteDate(writer, Date);
                break;
            case WorkiomDataType.DateTime:
                WorkiomJsonWriter.WriteDateTime(writer, Time);
                break;
            case WorkiomDataType.Boolean:
                WorkiomJsonWriter.WriteBoolean(writer, Flag);
                break;
            case WorkiomDataType.StaticSelect:
                WorkiomJsonWriter.WriteOption(writer, Options![0], shapes.StaticSelect);
                break;
            case WorkiomDataType.Status:
                WorkiomJsonWriter.WriteOption(writer, Options![0], shapes.Status);
                break;
            case WorkiomDataType.MultiStaticSelect:
                WorkiomJsonWriter.WriteOptions(writer, Options, shapes.MultiStaticSelect);
                break;
            case WorkiomDataType.User:
                WorkiomJsonWriter.WriteUser(writer, Users![0], shapes.User);
                break;
            case WorkiomDataType.MultiUser:
                WorkiomJsonWriter.WriteUsers(writer, Users, shapes.User);
                break;
            case WorkiomDataType.LinkList:
                WorkiomJsonWriter.WriteLinks(writer, new LinkList(Links!), shapes.LinkList);
                break;
            case WorkiomDataType.Dependency:
                // LinkList-like; the client keeps it as raw JSON, so a new value takes the link shape.
                WorkiomJsonWriter.WriteLinks(writer, new LinkList(Links!), LinkWriteShape.IdAndLabel);
                break;
            case WorkiomDataType.File or WorkiomDataType.Signature:
                writer.WriteStartArray();
                foreach (var kept in KeptFiles ?? [])
                {
                    kept.WriteTo(writer);
                }

                // The client's new-file shape: WriteFiles writes an array, whose items are taken over one by one.
                var fresh = (JsonArray)Json(w => WorkiomJsonWriter.WriteFiles(w, NewFiles))!;
                foreach (var item in fresh)
                {
                    item!.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            case WorkiomDataType.CheckList:
                WorkiomJsonWriter.WriteCheckList(writer, CheckList);
                break;
            case WorkiomDataType.Location:
                writer.WriteStartObject();
                writer.WriteString("label", Place);
                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException("No sample for data type " + Field.TypeName + ".");
        }
    }

    /// <summary>What the client is expected to read back, for the report.</summary>
    public string Describe()
    {
        if (Clears)
        {
            return "empty";
        }

        return Field.Type switch
        {
            WorkiomDataType.Text or WorkiomDataType.Website or WorkiomDataType.Email or WorkiomDataType.PhoneNumber => Quote(Text),
            WorkiomDataType.Number or WorkiomDataType.Currency or WorkiomDataType.ProgressBar => Number!.Value.ToString(CultureInfo.InvariantCulture),
            WorkiomDataType.DateTime when Field.DateType == 0 => Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            WorkiomDataType.DateTime => Time!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            WorkiomDataType.Boolean => Flag!.Value ? "true" : "false",
            WorkiomDataType.StaticSelect or WorkiomDataType.Status or WorkiomDataType.MultiStaticSelect =>
                "options " + string.Join(", ", Options!.Select(o => o.Id + " " + Quote(o.Label))),
            WorkiomDataType.User or WorkiomDataType.MultiUser => "users " + string.Join(", ", Users!.Select(u => u.Id)),
            WorkiomDataType.LinkList or WorkiomDataType.Dependency => "links " + string.Join(", ", Links!.Select(l => l.Id)),
            WorkiomDataType.File or WorkiomDataType.Signature => "files " + string.Join(", ", FileNames().Select(Quote))
                + (KeptFiles is { Count: > 0 } ? "; kept items unchanged" : string.Empty),
            WorkiomDataType.CheckList => "items " + string.Join(", ", CheckList!.Select(i => Quote(i.Label) + (i.Checked ? " [x]" : " [ ]"))),
            WorkiomDataType.Location => "label " + Quote(Place),
            _ => Field.TypeName,
        };
    }

    /// <summary>
    /// Reads <paramref name="stored"/> (the field's value in the record, null when absent) with the
    /// client's reader and compares it with this sample. Returns whether it matches and what was read.
    /// </summary>
    public (bool Ok, string Read, string? Note) Check(JsonElement? stored)
    {
        try
        {
            return CheckCore(stored);
        }
        catch (Exception e) when (e is WorkiomException or JsonException or InvalidOperationException or FormatException)
        {
            return (false, Raw(stored), "the client could not read it: " + e.Message);
        }
    }

    private (bool, string, string?) CheckCore(JsonElement? stored)
    {
        int id = Field.Id;
        if (Clears)
        {
            bool empty = stored is null || stored.Value.ValueKind == JsonValueKind.Null
                || (stored.Value.ValueKind == JsonValueKind.Array && stored.Value.GetArrayLength() == 0)
                || (stored.Value.ValueKind == JsonValueKind.String && stored.Value.GetString()!.Length == 0);
            return (empty, Raw(stored), null);
        }

        switch (Field.Type)
        {
            case WorkiomDataType.Text or WorkiomDataType.Website or WorkiomDataType.Email or WorkiomDataType.PhoneNumber:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadString(ref r, id));
                return (string.Equals(read, Text, StringComparison.Ordinal), Quote(read), null);
            }

            case WorkiomDataType.Number or WorkiomDataType.Currency or WorkiomDataType.ProgressBar:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadDecimal(ref r, id));
                return (read == Number, read?.ToString(CultureInfo.InvariantCulture) ?? "empty", null);
            }

            case WorkiomDataType.DateTime when Field.DateType == 0:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadDate(ref r, id));
                return (read == Date, read?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "empty", null);
            }

            case WorkiomDataType.DateTime:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadDateTime(ref r, id));
                return (read == Time, read?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "empty", null);
            }

            case WorkiomDataType.Boolean:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadBoolean(ref r, id));
                return (read == Flag, read is null ? "empty" : read.Value ? "true" : "false", null);
            }

            case WorkiomDataType.StaticSelect or WorkiomDataType.Status:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<VerifyOption>(ref r, id));
                bool ok = read is not null && read.Id == Options![0].Id && string.Equals(read.Label, Options[0].Label, StringComparison.Ordinal);
                return (ok, read is null ? "empty" : "option " + read.Id + " " + Quote(read.Label), null);
            }

            case WorkiomDataType.MultiStaticSelect:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOptions<VerifyOption>(ref r, id)) ?? [];
                bool ok = SameSet(read.Select(o => o.Id + "\n" + o.Label), Options!.Select(o => o.Id + "\n" + o.Label));
                return (ok, "options " + string.Join(", ", read.Select(o => o.Id + " " + Quote(o.Label))), null);
            }

            case WorkiomDataType.User:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUser(ref r, id));
                return (read is not null && read.Id == Users![0].Id, read is null ? "empty" : "user " + read.Id, null);
            }

            case WorkiomDataType.MultiUser:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUsers(ref r, id)) ?? [];
                return (SameSet(read.Select(u => u.Id.ToString(CultureInfo.InvariantCulture)), Users!.Select(u => u.Id.ToString(CultureInfo.InvariantCulture))),
                    "users " + string.Join(", ", read.Select(u => u.Id)), null);
            }

            case WorkiomDataType.LinkList:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadLinks<LinkList>(ref r, id)) ?? [];
                return (SameSet(read.Select(l => l.Id), Links!.Select(l => l.Id)), "links " + string.Join(", ", read.Select(l => l.Id)), null);
            }

            case WorkiomDataType.Dependency:
            {
                var ids = Items(stored).Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("_id", out var v) ? v.GetString() : null).ToList();
                return (SameSet(ids.Select(i => i ?? string.Empty), Links!.Select(l => l.Id)), "links " + string.Join(", ", ids), null);
            }

            case WorkiomDataType.File or WorkiomDataType.Signature:
                return CheckFiles(stored);

            case WorkiomDataType.CheckList:
            {
                var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadCheckList(ref r, id)) ?? [];
                bool ok = read.SequenceEqual(CheckList!);
                return (ok, "items " + string.Join(", ", read.Select(i => Quote(i.Label) + (i.Checked ? " [x]" : " [ ]"))), null);
            }

            case WorkiomDataType.Location:
            {
                var raw = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadRaw(ref r));
                string? label = raw is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                return (string.Equals(label, Place, StringComparison.Ordinal), Raw(stored), null);
            }

            default:
                return (false, Raw(stored), "no check for this data type");
        }
    }

    private (bool, string, string?) CheckFiles(JsonElement? stored)
    {
        int id = Field.Id;
        var read = Read(stored, (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, id)) ?? [];
        bool ok = read.Select(f => f.FileName).SequenceEqual(FileNames());
        string? note = null;
        if (ok && KeptFiles is { Count: > 0 })
        {
            // A kept item must come back as it was sent: the same stored file, name, token, size and type.
            var items = Items(stored).ToList();
            foreach (var kept in KeptFiles)
            {
                string? keptId = Property(kept, "_id");
                var back = items.FirstOrDefault(i => Property(i, "_id") == keptId);
                if (back.ValueKind != JsonValueKind.Object)
                {
                    ok = false;
                    note = "the kept file " + keptId + " is no longer there";
                    break;
                }

                foreach (string key in new[] { "FileName", "FileToken", "Size", "ContentType" })
                {
                    if (kept.TryGetProperty(key, out var before) && (!back.TryGetProperty(key, out var after) || before.GetRawText() != after.GetRawText()))
                    {
                        ok = false;
                        note = "the kept file " + keptId + " changed its " + key;
                    }
                }

                var changed = kept.EnumerateObject().Where(p => !back.TryGetProperty(p.Name, out var a) || a.GetRawText() != p.Value.GetRawText()).Select(p => p.Name).ToList();
                if (ok && changed.Count > 0)
                {
                    note = "kept file " + keptId + " came back with other " + string.Join(", ", changed);
                }
            }
        }

        return (ok, "files " + string.Join(", ", read.Select(f => Quote(f.FileName))), note);
    }

    private IEnumerable<string> FileNames() =>
        (KeptFiles ?? []).Select(k => Property(k, "FileName") ?? string.Empty).Concat((NewFiles ?? []).Select(f => f.FileName));

    private static string? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static IEnumerable<JsonElement> Items(JsonElement? stored) =>
        stored is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray()
        : stored is { ValueKind: JsonValueKind.Object } one ? [one]
        : [];

    private static bool SameSet(IEnumerable<string> left, IEnumerable<string> right) =>
        left.Order(StringComparer.Ordinal).SequenceEqual(right.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private delegate T ReadValue<T>(ref Utf8JsonReader reader);

    private static T? Read<T>(JsonElement? stored, ReadValue<T> read)
    {
        if (stored is null)
        {
            return default;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stored.Value.GetRawText()));
        reader.Read();
        return read(ref reader);
    }

    /// <summary>A JSON value, as text, for the report.</summary>
    public static string Raw(JsonElement? value) => value is null ? "(absent)" : value.Value.GetRawText();

    private static string Quote(string? text) => text is null ? "empty" : "\"" + text + "\"";

    public static JsonNode? Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return JsonNode.Parse(buffer.WrittenSpan);
    }
}
