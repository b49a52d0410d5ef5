using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Workiom.Client.Tests.TestRecords;
using Workiom.Serialization;

namespace Workiom.Client.Tests;

/// <summary>
/// The reader keeps the bytes of files, links, checklist items and users it cannot write back from
/// their typed values, and writes them back byte for byte; the writer's date and option fast paths
/// write what the writer itself would have written, for any writer options.
/// </summary>
public class ReadFormAndFastWriteTests
{
    private delegate T Read<T>(ref Utf8JsonReader reader);

    // Whitespace, escapes, number text and key spellings that re-serialising would change.
    private const string File1 = """{ "_id" : "f1","FileName":"Fil\u00e9 \"1\".pdf", "Size": 1.50e3, "ThumbnailUrl":null, "X": [ 1 , {"y":"\ud83d\ude00"} ] }""";
    private const string File2 = """{"_id":"f2","FileName":"b.pdf"}""";
    private const string Item1 = """{"label" : "Caf\u00e9 + more","check":true,"extra":{}}""";
    private const string Item2 = """{ "Label":"two", "Checked": 1 }""";
    private const string Link1 = """{"_id":"r1" , "label":"Acme \u0026 Co","more":[true]}""";
    private const string User1 = """{"id":"0109725","fullname":"Fadi","extra":null}""";

    public static TheoryData<string> Sources => new() { "span", "segments", "comments" };

    private static T ReadFrom<T>(string json, string source, Read<T> read)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        Utf8JsonReader reader = source switch
        {
            "span" => new Utf8JsonReader(bytes),
            // One segment per byte: the reader cannot point at a value's bytes, so it keeps elements.
            "segments" => new Utf8JsonReader(Segments(bytes)),
            _ => new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }),
        };
        reader.Read();
        return read(ref reader);
    }

    private static string Write(Action<Utf8JsonWriter> write, JsonWriterOptions options = default)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Files_links_checklist_items_and_users_read_are_written_back_byte_for_byte(string source)
    {
        var files = ReadFrom($"[{File1},{File2}]", source, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, 1));
        var items = ReadFrom($"[{Item1},{Item2}]", source, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadCheckList(ref r, 2));
        var links = ReadFrom($"[{Link1}]", source, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadLinks<LinkList>(ref r, 3));
        var user = ReadFrom(User1, source, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUser(ref r, 4));

        Assert.Equal(1500, files[0].Size);
        Assert.Equal("Filé \"1\".pdf", files[0].FileName);
        Assert.Equal(["Café + more", "two"], items.Select(i => i.Label));
        Assert.Equal("Acme & Co", links[0].Label);
        Assert.Equal(109725, user!.Id);

        Assert.Equal($"[{File1},{File2}]", Write(w => WorkiomJsonWriter.WriteFiles(w, files)));
        Assert.Equal($"[{Item1},{Item2}]", Write(w => WorkiomJsonWriter.WriteCheckList(w, items)));
        Assert.Equal($"[{Link1}]", Write(w => WorkiomJsonWriter.WriteLinks(w, links, LinkWriteShape.IdAndLabel)));
        Assert.Equal(User1, Write(w => WorkiomJsonWriter.WriteUser(w, user, UserWriteShape.IdAndUserName)));
    }

    [Fact]
    public void A_value_read_with_comments_is_written_back_without_them()
    {
        var files = ReadFrom("""[{"_id":"f1", /* note */ "FileName":"a.pdf"}]""", "comments", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, 1));

        Assert.Equal("""[{"_id":"f1","FileName":"a.pdf"}]""", Write(w => WorkiomJsonWriter.WriteFiles(w, files)));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_value_kept_as_bytes_and_then_changed_keeps_its_other_keys(string source)
    {
        var files = ReadFrom($"[{File1}]", source, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, 1));
        var items = ReadFrom($"[{Item1}]", source, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadCheckList(ref r, 2));

        Assert.Equal(
            """[{"_id":"f1","FileName":"c.pdf","Size":1.50e3,"ThumbnailUrl":null,"X":[1,{"y":"\uD83D\uDE00"}]}]""",
            Write(w => WorkiomJsonWriter.WriteFiles(w, [files[0] with { FileName = "c.pdf" }])));
        Assert.Equal(
            """[{"label":"Caf\u00E9 \u002B more","check":false,"extra":{}}]""",
            Write(w => WorkiomJsonWriter.WriteCheckList(w, [items[0] with { Checked = false }])));
    }

    public static TheoryData<string> WriterOptions => new() { "default", "relaxed", "indented", "skip-validation" };

    private static JsonWriterOptions Options(string name) => name switch
    {
        "relaxed" => new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
        "indented" => new JsonWriterOptions { Indented = true },
        "skip-validation" => new JsonWriterOptions { SkipValidation = true },
        _ => default,
    };

    [Theory]
    [MemberData(nameof(WriterOptions))]
    public void Dates_are_written_as_the_writer_writes_the_guide_shape(string options)
    {
        DateTimeOffset[] times =
        [
            new(2025, 9, 30, 0, 0, 0, TimeSpan.Zero),
            new(2025, 1, 1, 1, 2, 3, 45, TimeSpan.FromHours(2)),
            new(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
            DateTimeOffset.MaxValue,
            new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.FromMinutes(-330)).AddTicks(9999),
        ];
        foreach (var time in times)
        {
            string text = time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff", CultureInfo.InvariantCulture) + "+00:00";
            string expected = Write(w => { w.WriteStartArray(); w.WriteStringValue(text); w.WriteStringValue(text); w.WriteEndArray(); }, Options(options));

            Assert.Equal(expected, Write(w => { w.WriteStartArray(); WorkiomJsonWriter.WriteDateTime(w, time); WorkiomJsonWriter.WriteDateTime(w, time); w.WriteEndArray(); }, Options(options)));
        }

        var date = new DateOnly(2025, 9, 30);
        Assert.Equal(
            Write(w => { w.WriteStartObject(); w.WriteString("d", "2025-09-30T00:00:00.000+00:00"); w.WriteEndObject(); }, Options(options)),
            Write(w => { w.WriteStartObject(); w.WritePropertyName("d"); WorkiomJsonWriter.WriteDate(w, date); w.WriteEndObject(); }, Options(options)));
    }

    [Theory]
    [MemberData(nameof(WriterOptions))]
    public void A_picked_option_is_written_as_the_writer_writes_its_id_and_label(string options)
    {
        var made = StageOption.Create("a+b<c>", "Négocié & signé", null, null, null);
        foreach (var option in new[] { StageOption.Qualified, StageOption.Won, made, StageOption.Qualified })
        {
            string expected = Write(
                w =>
                {
                    w.WriteStartArray();
                    for (int i = 0; i < 2; i++)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", option.Id);
                        w.WriteString("label", option.Label);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                },
                Options(options));

            Assert.Equal(expected, Write(w => WorkiomJsonWriter.WriteOptions(w, [option, option], SelectWriteShape.IdAndLabel), Options(options)));
        }
    }

    [Fact]
    public void A_record_key_names_the_key_read_when_the_same_ones_repeat()
    {
        (string Name, RecordKeyKind Kind)[] keys =
        [
            ("view-1", RecordKeyKind.ViewData), ("view-1", RecordKeyKind.ViewData), ("view-22", RecordKeyKind.ViewData), ("view-22", RecordKeyKind.ViewData),
            ("view-1", RecordKeyKind.ViewData), ("VIEW-1", RecordKeyKind.ViewData), ("view-1x", RecordKeyKind.ViewData),
            ("_id", RecordKeyKind.RecordId), ("id", RecordKeyKind.RecordId), ("ID", RecordKeyKind.RecordId),
            ("2014502", RecordKeyKind.FieldId), ("other", RecordKeyKind.Other), ("view-1", RecordKeyKind.ViewData),
        ];
        foreach (var (name, kind) in keys)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes($"{{\"{name}\":7}}"));
            reader.Read();
            reader.Read();

            Assert.Equal(kind, WorkiomJsonReader.ReadRecordKey(ref reader, out int fieldId, out string key));
            Assert.Equal(kind == RecordKeyKind.FieldId ? string.Empty : name, key);
            Assert.Equal(kind == RecordKeyKind.FieldId ? 2014502 : 0, fieldId);
            Assert.Equal(JsonTokenType.Number, reader.TokenType);
        }
    }

    private static ReadOnlySequence<byte> Segments(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (int i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
