using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Workiom.Benchmarks.Lists;

namespace Workiom.Benchmarks;

/// <summary>
/// Reading a Data/All page of 100 deals (the fixture's items repeated with distinct ids) into
/// records. The baseline is what users write today: <see cref="JsonDocument"/> (or
/// <see cref="JsonNode"/>) into a dictionary per record. The floor is a hand-written
/// <see cref="Utf8JsonReader"/> loop into a plain class with the same typed values. The anchor is
/// what a user would write instead of the generator: the same deal as a plain class with
/// <c>[JsonPropertyName]</c> field ids read by System.Text.Json's source generator
/// (<see cref="StjAnchorContext"/>), item by item from the same reader position.
/// </summary>
[MemoryDiagnoser]
// Ten measured iterations, not ShortRun's three: the machine these run on is shared, and the goals are ratios of ~10 %.
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MedianColumn]
public class ReadPageBenchmarks
{
    public const int PageSize = 100;

    private byte[] _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        _page = BuildPage(PageSize);
        int generated = Generated();
        int floor = HandWrittenFloor();
        int baseline = JsonDocumentIntoDictionaries();
        int anchor = StjSourceGenerated();
        if (generated != PageSize || floor != PageSize || baseline != PageSize || anchor != PageSize || JsonNodeIntoDictionaries() != PageSize)
        {
            throw new InvalidOperationException($"Every reader must read {PageSize} records; got {generated}, {floor}, {baseline}, {anchor}.");
        }
    }

    /// <summary>A page like data-all.response.deals.json, with <paramref name="count"/> items.</summary>
    public static byte[] BuildPage(int count)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "data-all.response.deals.json")))!;
        var items = fixture["result"]!["items"]!.AsArray();
        var page = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            var item = items[i % items.Count]!.DeepClone();
            item["_id"] = i.ToString("x24", System.Globalization.CultureInfo.InvariantCulture);
            page.Add(item);
        }

        fixture["result"]!["items"] = page;
        fixture["result"]!["totalCount"] = count;
        return JsonSerializer.SerializeToUtf8Bytes(fixture);
    }

    [Benchmark(Baseline = true, Description = "STJ source-gen POCO (anchor)")]
    public int StjSourceGenerated()
    {
        var reader = new Utf8JsonReader(_page);
        var records = new List<StjDeal>();
        MoveToItems(ref reader);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            records.Add(JsonSerializer.Deserialize(ref reader, StjAnchorContext.Default.StjDeal)!);
        }

        return records.Count;
    }

    [Benchmark(Description = "JsonDocument into dictionaries")]
    public int JsonDocumentIntoDictionaries()
    {
        using var document = JsonDocument.Parse(_page);
        var records = new List<Dictionary<string, object?>>();
        foreach (var item in document.RootElement.GetProperty("result").GetProperty("items").EnumerateArray())
        {
            var record = new Dictionary<string, object?>();
            foreach (var property in item.EnumerateObject())
            {
                record[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetDecimal(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    // Objects and arrays outlive the document only as clones.
                    _ => property.Value.Clone(),
                };
            }

            records.Add(record);
        }

        return records.Count;
    }

    [Benchmark(Description = "JsonNode into dictionaries")]
    public int JsonNodeIntoDictionaries()
    {
        var root = JsonNode.Parse(_page)!;
        var records = new List<Dictionary<string, JsonNode?>>();
        foreach (var item in root["result"]!["items"]!.AsArray())
        {
            records.Add(item!.AsObject().ToDictionary(p => p.Key, p => p.Value));
        }

        return records.Count;
    }

    [Benchmark(Description = "Generated ReadFrom")]
    public int Generated()
    {
        var reader = new Utf8JsonReader(_page);
        var records = new List<Deal>();
        MoveToItems(ref reader);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            records.Add(Deal.ReadFrom(ref reader));
        }

        return records.Count;
    }

    [Benchmark(Description = "Hand-written Utf8JsonReader (floor)")]
    public int HandWrittenFloor()
    {
        var reader = new Utf8JsonReader(_page);
        var records = new List<FloorDeal>();
        MoveToItems(ref reader);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            records.Add(FloorDeal.Read(ref reader));
        }

        return records.Count;
    }

    private static void MoveToItems(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("items"u8) && reader.CurrentDepth == 2)
            {
                reader.Read();
                return;
            }
        }

        throw new InvalidOperationException("The page has no items.");
    }
}
