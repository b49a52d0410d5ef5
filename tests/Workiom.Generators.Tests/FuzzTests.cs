using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Workiom.Generators.Emitting;
using Workiom.Generators.Model;
using SnapshotParser = Workiom.Generators.Parsing.SnapshotParser;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>
/// Mutated snapshots, with a fixed seed (set WORKIOM_FUZZ_COUNT and WORKIOM_FUZZ_SEED for a larger run):
/// parsing and emitting never throw, a snapshot that generates nothing says why at a location inside
/// the file, and what is generated compiles.
/// </summary>
public class FuzzTests
{
    private static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("WORKIOM_FUZZ_COUNT"), out int count) ? count : 10_000;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("WORKIOM_FUZZ_SEED"), out int seed) ? seed : 20261123;

    private static readonly string[] OddNames =
    {
        "", " ", "\u200B", "\u202Eevil", "🔥🔥", "class", "1", "_", "@", "a\u0000b", "Ünïcödé name", "名前", "اسم",
        new string('x', 5000), "Id", "Fields", "ReadFrom", "Deal", "\uD800", "a\u2028b", "\"quoted\"", "</summary>",
    };

    [Fact]
    public void Mutated_snapshots_never_throw_and_always_explain_themselves()
    {
        var random = new Random(Seed);
        string deals = Fixtures.Read("lists-get.deals.json");
        string companies = Fixtures.Read("lists-get.companies.json");
        int generated = 0, refused = 0;
        var toCompile = new List<string>();

        for (int i = 0; i < Count; i++)
        {
            string text = Mutate(random, random.Next(2) == 0 ? deals : companies);
            var input = new SnapshotInput("/fuzz/" + i + ".json", text, null, null, "Fuzz.N" + i);
            ParseResult result;
            try
            {
                result = SnapshotParser.Parse(input, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Parsing mutation {i} (seed {Seed}) threw {ex}\n{Excerpt(text)}");
                return;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.InRange(diagnostic.Start, 0, text.Length);
                Assert.InRange(diagnostic.Start + diagnostic.Length, 0, text.Length);
            }

            if (result.List is null)
            {
                refused++;
                Assert.Contains(result.Diagnostics, d => d.Id is "WKM0001" or "WKM0002" or "WKM0003");
                continue;
            }

            generated++;
            string source = RecordEmitter.Emit(new RecordModel(result.List, EquatableArray<LinkTarget>.Empty, "fuzz.g.cs"));
            if (toCompile.Count < 60 && i % 7 == 0)
            {
                toCompile.Add(source);
            }
        }

        Assert.True(generated > Count / 10, $"only {generated} of {Count} mutations generated anything");
        Assert.True(refused > Count / 10, $"only {refused} of {Count} mutations were refused");

        var compilation = GeneratorHarness.CreateCompilation(toCompile);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(5));
    }

    [Fact]
    public void A_broken_snapshot_beside_valid_ones_leaves_them_generating()
    {
        var random = new Random(Seed + 1);
        string deals = Fixtures.Read("lists-get.deals.json");
        for (int i = 0; i < 25; i++)
        {
            string broken = deals.Substring(0, random.Next(1, deals.Length / 2));
            var run = GeneratorHarness.Run(new SnapshotFile("/s/broken.json", broken), Fixtures.Companies(), Fixtures.Deals("/s/deals.json"));

            Assert.Contains(run.Diagnostics, d => d.Location.GetLineSpan().Path == "/s/broken.json" && d.Severity == DiagnosticSeverity.Error);
            Assert.Equal(2, run.Sources.Count);
            Assert.Empty(run.CompilationDiagnostics());
        }
    }

    private static string Mutate(Random random, string text)
    {
        switch (random.Next(9))
        {
            case 0:
                return text.Substring(0, random.Next(text.Length));
            case 1:
            {
                var chars = text.ToCharArray();
                for (int n = random.Next(1, 5); n > 0; n--)
                {
                    const string noise = "{}[],:\"\\0a-e\u00ff";
                    chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
                }

                return new string(chars);
            }

            case 2:
            {
                // Invalid UTF-8 reaches the generator decoded, as replacement characters.
                var bytes = Encoding.UTF8.GetBytes(text);
                for (int n = random.Next(1, 8); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
                }

                return Encoding.UTF8.GetString(bytes);
            }

            case 3:
                return new string('[', random.Next(60, 3000)) + text;
            default:
                return MutateStructure(random, text);
        }
    }

    private static string MutateStructure(Random random, string text)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        var list = root["result"]!.AsObject();
        var fields = list["fields"]!.AsArray();
        for (int n = random.Next(1, 4); n > 0; n--)
        {
            var field = fields.Count == 0 ? null : fields[random.Next(fields.Count)] as JsonObject;
            switch (random.Next(12))
            {
                case 0 when field is not null:
                    field.Remove(PickKey(random, field));
                    break;
                case 1 when field is not null:
                    field[PickKey(random, field)] = RandomValue(random);
                    break;
                case 2 when field is not null:
                    field["name"] = OddNames[random.Next(OddNames.Length)];
                    break;
                case 3 when field is not null:
                    fields.Add(field.DeepClone());   // a duplicate field id
                    break;
                case 4 when field is not null:
                    field["id"] = random.Next(3) switch { 0 => JsonValue.Create(99999999999999999999m), 1 => JsonValue.Create(-5), _ => JsonValue.Create("1e400") };
                    break;
                case 5 when field is not null:
                    field["dataType"] = random.Next(-3, 40);
                    break;
                case 6:
                    list.Remove(random.Next(2) == 0 ? "id" : "fields");
                    break;
                case 7:
                    list["name"] = OddNames[random.Next(OddNames.Length)];
                    break;
                case 8 when field is not null:
                    field["staticListValues"] = new JsonArray(
                        new JsonObject { ["id"] = "a", ["label"] = OddNames[random.Next(OddNames.Length)] },
                        new JsonObject { ["id"] = "a", ["label"] = "dup id" },
                        new JsonObject { ["label"] = "no id" },
                        RandomValue(random));
                    break;
                case 9:
                    root["$csharp"] = new JsonObject { ["names"] = new JsonObject { [(field?["id"]?.ToString() ?? "1")] = OddNames[random.Next(OddNames.Length)], ["x"] = 1 }, ["typeName"] = OddNames[random.Next(OddNames.Length)] };
                    break;
                case 10:
                    list["fields"] = RandomValue(random);
                    return root.ToJsonString();
                default:
                    if (fields.Count > 0)
                    {
                        fields[random.Next(fields.Count)] = RandomValue(random);
                    }

                    break;
            }
        }

        return root.ToJsonString();
    }

    private static string PickKey(Random random, JsonObject node)
    {
        var keys = node.Select(p => p.Key).ToList();
        return keys[random.Next(keys.Count)];
    }

    private static JsonNode? RandomValue(Random random) => random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(1e300),
        3 => JsonValue.Create(OddNames[random.Next(OddNames.Length)]),
        4 => new JsonArray(1, "two", null),
        5 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = new JsonArray() } },
        _ => JsonValue.Create(random.Next()),
    };

    private static string Excerpt(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "…";
}
