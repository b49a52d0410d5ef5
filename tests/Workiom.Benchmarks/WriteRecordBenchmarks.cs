using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Workiom.Benchmarks.Lists;

namespace Workiom.Benchmarks;

/// <summary>
/// Writing one deal as its Data/Create payload. The baseline is what users write today without
/// generated types: a dictionary keyed by field id, built from their own values, then
/// <see cref="JsonSerializer"/>. The floor is hand-written <see cref="Utf8JsonWriter"/> code that
/// produces the same bytes as the generated writer (checked in <see cref="Setup"/>).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class WriteRecordBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private Utf8JsonWriter _writer = null!;
    private Deal _deal = null!;
    private Deal _readDeal = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer);
        _deal = Samples.NewDeal();
        var page = ReadPageBenchmarks.BuildPage(1);
        var reader = new Utf8JsonReader(page);
        while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("items"u8)))
        {
        }

        reader.Read();
        reader.Read();
        _readDeal = Deal.ReadFrom(ref reader);
        byte[] generated = Capture(Generated);
        byte[] floor = Capture(HandWrittenFloor);
        if (!generated.AsSpan().SequenceEqual(floor))
        {
            throw new InvalidOperationException("The hand-written floor does not write the generated payload; the comparison would be unfair.");
        }

        Capture(DictionaryAndJsonSerializer);
    }

    [Benchmark(Baseline = true, Description = "Dictionary<string, object?> + JsonSerializer")]
    public int DictionaryAndJsonSerializer()
    {
        Reset();
        var stage = new Dictionary<string, object?> { ["id"] = "a2830957-96e5-4709-aca0-df06fa3aafc3", ["label"] = "Qualified" };
        var source = new Dictionary<string, object?> { ["id"] = "19757813-ec9a-4449-8683-0938202504d0", ["label"] = "Referral" };
        var payload = new Dictionary<string, object?>
        {
            ["2014502"] = "Initech expansion",
            ["2014503"] = 45000m,
            ["2014504"] = 25m,
            ["2014505"] = stage,
            ["2014506"] = source,
            ["2014507"] = new List<object?>
            {
                new Dictionary<string, object?> { ["id"] = "345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5", ["label"] = "Enterprise" },
                new Dictionary<string, object?> { ["id"] = "50809651-e07a-451b-b78f-dae672541529", ["label"] = "Renewal" },
            },
            ["2014508"] = new List<object?> { new Dictionary<string, object?> { ["_id"] = "67691cd5f8193dc8b9430e98", ["label"] = "Initech" } },
            ["2014509"] = new Dictionary<string, object?> { ["id"] = 109725L, ["username"] = "Fadi Alsayed" },
            ["2014511"] = new DateOnly(2025, 9, 30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00.000+00:00",
            ["2014517"] = false,
            ["2014519"] = "it@initech.example",
            ["2014521"] = "+1 415 555 0100",
            ["2014522"] = "https://initech.example",
            ["2014524"] = new List<object?>
            {
                new Dictionary<string, object?> { ["label"] = "Kick-off call", ["check"] = false },
                new Dictionary<string, object?> { ["label"] = "Legal review", ["check"] = true },
            },
            ["2014525"] = 40m,
        };
        JsonSerializer.Serialize(_writer, payload);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Generated WriteTo")]
    public int Generated()
    {
        Reset();
        _deal.WriteTo(_writer, WorkiomWriteKind.Create);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>A deal read from a Data/All page, written back whole (Data/Update) without changes.</summary>
    [Benchmark(Description = "Generated WriteTo, read record (replace)")]
    public int GeneratedReplaceOfReadRecord()
    {
        Reset();
        _readDeal.WriteTo(_writer, WorkiomWriteKind.Replace);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Hand-written Utf8JsonWriter (floor)")]
    public int HandWrittenFloor()
    {
        Reset();
        var w = _writer;
        w.WriteStartObject();
        w.WriteString("2014502", "Initech expansion");
        w.WriteNumber("2014503", 45000m);
        w.WriteNumber("2014504", 25m);
        w.WriteStartObject("2014505");
        w.WriteString("id", "a2830957-96e5-4709-aca0-df06fa3aafc3");
        w.WriteString("label", "Qualified");
        w.WriteEndObject();
        w.WriteStartObject("2014506");
        w.WriteString("id", "19757813-ec9a-4449-8683-0938202504d0");
        w.WriteString("label", "Referral");
        w.WriteEndObject();
        w.WriteStartArray("2014507");
        w.WriteStartObject();
        w.WriteString("id", "345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5");
        w.WriteString("label", "Enterprise");
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("id", "50809651-e07a-451b-b78f-dae672541529");
        w.WriteString("label", "Renewal");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("2014508");
        w.WriteStartObject();
        w.WriteString("_id", "67691cd5f8193dc8b9430e98");
        w.WriteString("label", "Initech");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("2014509");
        w.WriteNumber("id", 109725L);
        w.WriteString("username", "Fadi Alsayed");
        w.WriteEndObject();
        Span<byte> date = stackalloc byte[29];
        new DateOnly(2025, 9, 30).TryFormat(date, out int written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        "T00:00:00.000+00:00"u8.CopyTo(date[written..]);
        w.WriteString("2014511", date);
        w.WriteBoolean("2014517", false);
        w.WriteString("2014519", "it@initech.example");
        w.WriteString("2014521", "+1 415 555 0100");
        w.WriteString("2014522", "https://initech.example");
        w.WriteStartArray("2014524");
        w.WriteStartObject();
        w.WriteString("label", "Kick-off call");
        w.WriteBoolean("check", false);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("label", "Legal review");
        w.WriteBoolean("check", true);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteNumber("2014525", 40m);
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenCount;
    }

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }

    private byte[] Capture(Func<int> write)
    {
        write();
        return _buffer.WrittenSpan.ToArray();
    }
}
