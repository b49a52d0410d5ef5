using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Workiom.Benchmarks.Lists;
using Workiom.Schema;

namespace Workiom.Benchmarks;

/// <summary>
/// The cost of an environment: the same 100-deal page read, and the same 100 deals written as
/// <c>Data/Create</c> bodies, in the primary environment (the baseline of each group) and in a
/// "staging" environment whose every list, field, option and view id differs (keys translated on
/// read and write, option ids looked up both ways, every value read kept as read).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EnvironmentBenchmarks
{
    private const int Count = 100;

    private readonly ArrayBufferWriter<byte> _buffer = new(Count * 1024);
    private Utf8JsonWriter _writer = null!;
    private byte[] _primaryPage = null!;
    private byte[] _stagingPage = null!;
    private WorkiomListEnvironment _staging = null!;
    private Deal[] _deals = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer, WriteRecordBenchmarks.ClientWriterOptions);
        _staging = StagingOf(Deal.WorkiomSchema);
        _primaryPage = ReadPageBenchmarks.BuildPage(Count);
        _stagingPage = ToStaging(_primaryPage, _staging);
        _deals = new Deal[Count];
        for (int i = 0; i < Count; i++)
        {
            var deal = Samples.NewDeal();
            deal.DealName = $"Initech expansion {i}";
            _deals[i] = deal;
        }

        // Both read the same deals, and both write every value.
        var primary = Read(_primaryPage, null);
        var staging = Read(_stagingPage, _staging);
        for (int i = 0; i < Count; i++)
        {
            if (primary[i].DealName != staging[i].DealName || primary[i].Stage != staging[i].Stage || primary[i].UnknownFields.Count != staging[i].UnknownFields.Count)
            {
                throw new InvalidOperationException("The staging page does not read into the same deals as the primary one.");
            }
        }

        if (WriteDefault() != WriteStaging())
        {
            throw new InvalidOperationException("The staging bodies differ in length from the primary ones: the ids were not all translated one for one.");
        }
    }

    [BenchmarkCategory("Read 100"), Benchmark(Baseline = true, Description = "Read, primary environment")]
    public int ReadDefault() => Read(_primaryPage, null).Count;

    [BenchmarkCategory("Read 100"), Benchmark(Description = "Read, staging environment")]
    public int ReadStaging() => Read(_stagingPage, _staging).Count;

    [BenchmarkCategory("Write 100"), Benchmark(Baseline = true, Description = "Write Create bodies, primary environment")]
    public int WriteDefault() => Write(null);

    [BenchmarkCategory("Write 100"), Benchmark(Description = "Write Create bodies, staging environment")]
    public int WriteStaging() => Write(_staging);

    private int Write(WorkiomListEnvironment? environment)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        foreach (var deal in _deals)
        {
            deal.WriteTo(_writer, WorkiomWriteKind.Create, null, environment);
        }

        _writer.WriteEndArray();
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    private static List<Deal> Read(byte[] page, WorkiomListEnvironment? environment)
    {
        var reader = new Utf8JsonReader(page);
        var records = new List<Deal>(Count);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("items"u8) && reader.CurrentDepth == 2)
            {
                reader.Read();
                break;
            }
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            records.Add(environment is null ? Deal.ReadFrom(ref reader) : Deal.ReadFrom(ref reader, environment));
        }

        return records;
    }

    /// <summary>A staging environment where every field id is shifted by a million, every option id and the list id prefixed.</summary>
    private static WorkiomListEnvironment StagingOf(WorkiomListSchema schema) => new(
        "staging",
        "staging-" + schema.ListId,
        schema.ListName,
        null,
        schema,
        schema.Fields.Select(f => (f.Id, f.Id + 1_000_000, f.Name)).ToList(),
        schema.Fields.SelectMany(f => f.Options.Select(o => (f.Id, o.Id, "s-" + o.Id))).ToList(),
        schema.Views.Select(v => (v.Id, v.Id + 1_000_000)).ToList());

    /// <summary>The page as the staging tenant would send it: field keys and option ids of that environment.</summary>
    private static byte[] ToStaging(byte[] page, WorkiomListEnvironment staging)
    {
        var root = JsonNode.Parse(page)!;
        var items = root["result"]!["items"]!.AsArray();
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i]!.AsObject();
            var translated = new JsonObject();
            foreach (var (key, value) in item.ToList())
            {
                item.Remove(key);
                if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int fieldId) && staging.TryGetFieldId(fieldId, out int there))
                {
                    TranslateOptions(value, fieldId, staging);
                    translated[there.ToString(CultureInfo.InvariantCulture)] = value;
                }
                else
                {
                    translated[key] = value;
                }
            }

            items[i] = translated;
        }

        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    private static void TranslateOptions(JsonNode? value, int fieldId, WorkiomListEnvironment staging)
    {
        switch (value)
        {
            case JsonObject option when option["id"] is JsonValue id && id.TryGetValue(out string? optionId) && staging.TryGetOptionId(fieldId, optionId, out var there):
                option["id"] = there;
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    TranslateOptions(item, fieldId, staging);
                }

                break;
        }
    }
}
