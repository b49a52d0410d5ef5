using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>Environments in the build: matching, overrides, the emitted id tables and every environment diagnostic, located.</summary>
public class EnvironmentTests
{
    private const string DealsListId = "b2a42566-eb5c-40bb-15d8-08d601df4183";
    private const string DealsPath = "/repo/schemas/deals.json";

    private static GeneratorRun Run(params SnapshotFile[] environmentFiles) =>
        GeneratorHarness.Run(new[] { Fixtures.Deals(), Fixtures.Companies() }.Concat(environmentFiles), Array.Empty<string>());

    private static List<Diagnostic> Of(GeneratorRun run, string id) => run.Diagnostics.Where(d => d.Id == id).ToList();

    private static (int Line, int Column) ValueOf(string text, string property, int occurrence = 0)
    {
        int index = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(property, index + 1, StringComparison.Ordinal);
        }

        Assert.True(index >= 0, "No " + property);
        index = text.IndexOf(':', index) + 1;
        while (text[index] == ' ')
        {
            index++;
        }

        var before = text.Substring(0, index);
        return (before.Count(c => c == '\n'), index - (before.LastIndexOf('\n') + 1));
    }

    private static void AssertAt(Diagnostic diagnostic, string path, (int Line, int Column) expected)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal(expected, (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    /// <summary>The environments of the generated Deal, read from the compiled assembly (which also runs the static initializers).</summary>
    private static IReadOnlyList<Workiom.Schema.WorkiomListEnvironment> Environments(GeneratorRun run, string type = "Contoso.Crm.Deal")
    {
        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new System.Runtime.Loader.AssemblyLoadContext("environments", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(stream.ToArray()));
        var property = assembly.GetType(type)!.GetProperty("WorkiomEnvironments")!;
        return (IReadOnlyList<Workiom.Schema.WorkiomListEnvironment>)property.GetValue(null)!;
    }

    [Fact]
    public void A_build_without_environments_emits_no_environment_table()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals(), Fixtures.Companies());

        Assert.DoesNotContain(run.Sources.Keys, k => k.Contains("Environments", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "WKM0014" or "WKM0015" or "WKM0016");
    }

    [Fact]
    public void Every_list_field_option_and_view_of_an_identical_tenant_is_matched_by_name()
    {
        var run = Run(EnvironmentFixtures.Deals(), EnvironmentFixtures.Companies());

        Assert.Empty(run.CompilationDiagnostics());
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Approvals.Verify(run.Source("Contoso.Crm.Deal-Environments.g.cs"), "Deal.Environments");

        var staging = Assert.Single(Environments(run));
        Assert.Equal("staging", staging.Name);
        Assert.Equal(EnvironmentFixtures.StagingDealsListId, staging.ListId);
        Assert.Equal(EnvironmentFixtures.StagingAppId, staging.AppId);
        Assert.Equal("Deals", staging.ListName);
        Assert.Equal(26, staging.Fields.Count);
        Assert.All(staging.Fields, f => Assert.Equal(f.Id + 1_000_000, f.EnvironmentId));
        Assert.Contains((2014502, 3014502, "Deal Name"), staging.Fields);
        Assert.Contains((2014505, "8bf54526-6762-42e8-a326-c62a77894506", "env-8bf54526-6762-42e8-a326-c62a77894506"), staging.Options);
        Assert.All(staging.Options, o => Assert.Equal("env-" + o.OptionId, o.EnvironmentOptionId));
        Assert.Equal(new[] { (535375, 1535375), (535376, 1535376) }, staging.Views);
        Assert.Equal("Deal", staging.Schema.ListName == "Deals" ? "Deal" : "?");
    }

    [Fact]
    public void Environment_names_are_compared_ignoring_case_and_default_is_the_primary_set()
    {
        var run = GeneratorHarness.Run(
            new[] { Fixtures.Deals() with { Environment = "Default" }, Fixtures.Companies(), EnvironmentFixtures.Deals("Staging"), EnvironmentFixtures.Companies("STAGING") },
            Array.Empty<string>());

        Assert.Empty(run.CompilationDiagnostics());
        Assert.Equal("staging", Assert.Single(Environments(run)).Name);
        Assert.Equal(4, run.Sources.Count);
    }

    [Fact]
    public void A_renamed_field_is_reported_at_the_primary_field_and_left_out_of_the_table()
    {
        var run = Run(EnvironmentFixtures.Deals(edit: list => EnvironmentFixtures.Field(list, "Amount")["name"] = "Deal Value"), EnvironmentFixtures.Companies());

        var diagnostic = Assert.Single(Of(run, "WKM0014"));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        AssertAt(diagnostic, DealsPath, ValueOf(Fixtures.Deals().Text, "\"name\": \"Amount\""));
        Assert.Contains("Field 'Amount' (2014503) of list 'Deals'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("environment 'staging'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompilationDiagnostics());
        var staging = Assert.Single(Environments(run));
        Assert.DoesNotContain(staging.Fields, f => f.Id == 2014503);
        Assert.Equal(25, staging.Fields.Count);
    }

    [Fact]
    public void A_map_entry_matches_a_renamed_field_and_null_makes_the_report_informational()
    {
        string map = """
            { "environment": "staging",
              "lists": { "b2a42566-eb5c-40bb-15d8-08d601df4183": { "fields": { "2014503": 3014503, "2014504": null } } } }
            """;
        var run = Run(
            EnvironmentFixtures.Deals(edit: list =>
            {
                EnvironmentFixtures.Field(list, "Amount")["name"] = "Deal Value";
                EnvironmentFixtures.Field(list, "Probability")["name"] = "Chance";
            }),
            EnvironmentFixtures.Companies(),
            EnvironmentFixtures.Map(map));

        Assert.Empty(Of(run, "WKM0014"));
        var info = Assert.Single(Of(run, "WKM0015"));
        Assert.Equal(DiagnosticSeverity.Info, info.DefaultSeverity);
        AssertAt(info, DealsPath, ValueOf(Fixtures.Deals().Text, "\"name\": \"Probability\""));
        var staging = Assert.Single(Environments(run));
        Assert.Contains((2014503, 3014503, "Deal Value"), staging.Fields);
        Assert.DoesNotContain(staging.Fields, f => f.Id == 2014504);
    }

    [Fact]
    public void A_field_whose_data_type_differs_is_not_matched_and_the_message_says_why()
    {
        var run = Run(EnvironmentFixtures.Deals(edit: list => EnvironmentFixtures.Field(list, "Probability")["dataType"] = 0), EnvironmentFixtures.Companies());

        var diagnostic = Assert.Single(Of(run, "WKM0014"));
        Assert.Contains("has data type 0, not 1", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_found_twice_is_no_match()
    {
        var run = Run(
            EnvironmentFixtures.Deals(edit: list => list["fields"]!.AsArray().Add(new JsonObject { ["id"] = 9_999_999, ["name"] = "Amount", ["dataType"] = 13 })),
            EnvironmentFixtures.Companies());

        var diagnostic = Assert.Single(Of(run, "WKM0014"));
        Assert.Contains("2 fields there match it by name", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(Assert.Single(Environments(run)).Fields, f => f.Id == 2014503);
    }

    [Fact]
    public void A_relabelled_option_is_reported_at_its_label_and_a_map_entry_matches_it()
    {
        static void Relabel(JsonObject list)
        {
            var option = EnvironmentFixtures.Field(list, "Stage")["staticListValues"]!.AsArray().Select(o => o!.AsObject()).Single(o => (string?)o["label"] == "Won");
            option["label"] = "Closed won";
        }

        var unmatched = Run(EnvironmentFixtures.Deals(edit: Relabel), EnvironmentFixtures.Companies());
        var diagnostic = Assert.Single(Of(unmatched, "WKM0014"));
        AssertAt(diagnostic, DealsPath, ValueOf(Fixtures.Deals().Text, "\"label\": \"Won\""));
        Assert.Contains("Option 'Won' (c1818389-a77d-468f-92e5-7f47fff6f3b8) of field 'Stage'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(Assert.Single(Environments(unmatched)).Options, o => o.OptionId == "c1818389-a77d-468f-92e5-7f47fff6f3b8");

        string map = """
            { "lists": { "b2a42566-eb5c-40bb-15d8-08d601df4183": { "options": { "2014505": { "c1818389-a77d-468f-92e5-7f47fff6f3b8": "env-c1818389-a77d-468f-92e5-7f47fff6f3b8" } } } } }
            """;
        var mapped = Run(EnvironmentFixtures.Deals(edit: Relabel), EnvironmentFixtures.Companies(), EnvironmentFixtures.Map(map));
        Assert.DoesNotContain(mapped.Diagnostics, d => d.Id.StartsWith("WKM00", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning);
        Assert.Contains((2014505, "c1818389-a77d-468f-92e5-7f47fff6f3b8", "env-c1818389-a77d-468f-92e5-7f47fff6f3b8"), Assert.Single(Environments(mapped)).Options);
    }

    [Fact]
    public void A_renamed_view_is_reported_at_its_name_and_a_renamed_list_is_matched_by_the_map()
    {
        var run = Run(
            EnvironmentFixtures.Deals(edit: list =>
            {
                list["name"] = "Opportunities";
                list["views"]![0]!["name"] = "Everything";
            }),
            EnvironmentFixtures.Companies(),
            EnvironmentFixtures.Map("""{ "lists": { "b2a42566-eb5c-40bb-15d8-08d601df4183": { "listId": "e0000000-0000-0000-0000-00000000dea1" } } }"""));

        var diagnostic = Assert.Single(Of(run, "WKM0014"));
        AssertAt(diagnostic, DealsPath, ValueOf(Fixtures.Deals().Text, "\"name\": \"All deals\"", occurrence: 1));
        Assert.Contains("View 'All deals' (535375)", diagnostic.GetMessage(), StringComparison.Ordinal);
        var staging = Assert.Single(Environments(run));
        Assert.Equal("Opportunities", staging.ListName);
        Assert.Equal(new[] { (535376, 1535376) }, staging.Views);
    }

    [Fact]
    public void A_list_with_no_match_is_reported_once_at_its_name_and_gets_an_empty_table()
    {
        var run = Run(EnvironmentFixtures.Deals(edit: list => list["name"] = "Opportunities"), EnvironmentFixtures.Companies());

        var missing = Assert.Single(Of(run, "WKM0014"));
        AssertAt(missing, DealsPath, ValueOf(Fixtures.Deals().Text, "\"name\": \"Deals\""));
        Assert.Contains("List 'Deals'", missing.GetMessage(), StringComparison.Ordinal);
        var orphan = Assert.Single(Of(run, "WKM0016"));
        string stagingText = EnvironmentFixtures.Deals(edit: list => list["name"] = "Opportunities").Text;
        AssertAt(orphan, "/repo/schemas/staging/deals.json", ValueOf(stagingText, "\"name\": \"Opportunities\""));
        Assert.Empty(Environments(run));
        Assert.Contains("no match in: staging", run.Source("Contoso.Crm.Deal-Environments.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stag ing")]
    [InlineData("prod\"; class X {} //")]
    [InlineData("ünicode")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234567890")]
    public void An_unusable_environment_name_is_an_error_at_the_file_and_the_file_is_left_out(string name)
    {
        var run = Run(EnvironmentFixtures.Deals(name, path: "/repo/schemas/x/deals.json"));

        var diagnostic = Assert.Single(Of(run, "WKM0017"));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        Assert.Equal("/repo/schemas/x/deals.json", diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain(run.Sources.Keys, k => k.Contains("Environments", StringComparison.Ordinal));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void A_malformed_mapping_file_is_reported_at_each_entry_and_the_rest_is_used()
    {
        string map = "{ \"environment\": 7,\n  \"lists\": { \"b2a42566-eb5c-40bb-15d8-08d601df4183\": {\n    \"fields\": { \"abc\": 1, \"2014503\": \"x\", \"2014504\": 3014504 },\n    \"extra\": true } },\n  \"oops\": 1 }";
        var run = Run(EnvironmentFixtures.Deals(edit: list => EnvironmentFixtures.Field(list, "Probability")["name"] = "Chance"), EnvironmentFixtures.Companies(), EnvironmentFixtures.Map(map));

        var malformed = Of(run, "WKM0018").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(5, malformed.Count);
        const string path = "/repo/schemas/staging/workiom-map.json";
        AssertAt(malformed[0], path, (0, 17));
        AssertAt(malformed[1], path, (2, 16));
        AssertAt(malformed[2], path, (2, 37));
        AssertAt(malformed[3], path, (3, 4));
        AssertAt(malformed[4], path, (4, 2));
        Assert.Contains((2014504, 3014504, "Chance"), Assert.Single(Environments(run)).Fields);
        Assert.Empty(Of(run, "WKM0014"));
    }

    [Fact]
    public void A_mapping_file_that_is_not_json_is_one_located_diagnostic()
    {
        var run = Run(EnvironmentFixtures.Deals(), EnvironmentFixtures.Companies(), EnvironmentFixtures.Map("{ \"lists\": [ }"));

        var diagnostic = Assert.Single(Of(run, "WKM0018"));
        Assert.Equal("/repo/schemas/staging/workiom-map.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("not valid JSON", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Single(Environments(run));
    }

    [Fact]
    public void Map_entries_naming_ids_no_snapshot_has_are_reported_at_the_entry()
    {
        string map = """
            { "lists": {
                "no-such-list": { "listId": "x" },
                "b2a42566-eb5c-40bb-15d8-08d601df4183": { "fields": { "42": 3014502, "2014503": 77 }, "views": { "535375": 99 },
                  "options": { "2014505": { "nope": "env-x" } } } } }
            """;
        var run = Run(EnvironmentFixtures.Deals(), EnvironmentFixtures.Companies(), EnvironmentFixtures.Map(map));

        var unknown = Of(run, "WKM0019").Select(d => d.GetMessage()).ToList();
        Assert.Equal(5, unknown.Count);
        Assert.Contains(unknown, m => m.Contains("list 'no-such-list', which no primary snapshot has", StringComparison.Ordinal));
        Assert.Contains(unknown, m => m.Contains("field 42 of list 'Deals', which the primary snapshot does not have", StringComparison.Ordinal));
        Assert.Contains(unknown, m => m.Contains("the field id '77'", StringComparison.Ordinal));
        Assert.Contains(unknown, m => m.Contains("the view id '99'", StringComparison.Ordinal));
        Assert.Contains(unknown, m => m.Contains("option 'nope' of field 2014505", StringComparison.Ordinal));
        AssertAt(Of(run, "WKM0019").Single(d => d.GetMessage().Contains("'77'", StringComparison.Ordinal)), "/repo/schemas/staging/workiom-map.json", ValueOf(map, "\"2014503\""));

        // An ignored entry falls back to matching by name.
        var staging = Assert.Single(Environments(run));
        Assert.Contains((2014503, 3014503, "Amount"), staging.Fields);
        Assert.Contains((535375, 1535375), staging.Views);
    }

    [Fact]
    public void Two_snapshots_of_one_list_in_one_environment_are_an_error_at_the_second()
    {
        var run = Run(EnvironmentFixtures.Deals(), EnvironmentFixtures.Deals(path: "/repo/schemas/staging/deals-copy.json"), EnvironmentFixtures.Companies());

        var diagnostic = Assert.Single(Of(run, "WKM0020"));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        AssertAt(diagnostic, "/repo/schemas/staging/deals.json", ValueOf(EnvironmentFixtures.Deals().Text, "\"name\": \"Deals\""));
        Assert.Contains("deals-copy.json", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Single(Environments(run));
    }

    [Fact]
    public void A_mapping_file_among_the_primary_snapshots_is_reported_not_generated()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals(), new SnapshotFile("/repo/schemas/workiom-map.json", "{}"));

        var diagnostic = Assert.Single(Of(run, "WKM0018"));
        Assert.Equal("/repo/schemas/workiom-map.json", diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "WKM0002");
        Assert.Single(run.Sources);
    }

    [Fact]
    public void Field_names_that_collide_in_webhook_payloads_are_reported_at_the_second_field()
    {
        string text = """
            { "id": "l1", "name": "Deals", "fields": [
              { "id": 1, "name": "Deal Name", "dataType": 0 },
              { "id": 2, "name": "dealname", "dataType": 0 },
              { "id": 3, "name": "Gone name", "dataType": 0, "isDeleted": true },
              { "id": 4, "name": "Deal\tNAME ", "dataType": 1 },
              { "id": 5, "name": "Other", "dataType": 0 } ] }
            """;
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text));

        var collisions = Of(run, "WKM0021");
        Assert.Equal(2, collisions.Count);
        Assert.All(collisions, d => Assert.Equal(DiagnosticSeverity.Info, d.DefaultSeverity));
        AssertAt(collisions[0], "/s/deals.json", ValueOf(text, "\"name\": \"dealname\""));
        Assert.Contains("'dealname' (2) and 'Deal Name' (1)", collisions[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("UnknownFields", collisions[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_names_and_ids_of_an_environment_compile_and_arrive_unchanged()
    {
        const string hostile = "x\"; } class Evil { //\n#error no */ \u2028 <b>&amp;";
        var run = Run(
            EnvironmentFixtures.Deals(edit: list =>
            {
                list["id"] = "list\"id\\" + hostile;
                list["appId"] = "app\n" + hostile;
                EnvironmentFixtures.Field(list, "Stage")["staticListValues"]![0]!["id"] = "opt\"" + hostile;
            }),
            EnvironmentFixtures.Companies(),
            EnvironmentFixtures.Map("{ \"lists\": { \"" + DealsListId + "\": { \"listId\": \"list\\\"id\\\\" + hostile.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\", \"fields\": { \"2014502\": 3014502 } } } }"));

        Assert.Empty(run.CompilationDiagnostics());
        var staging = Assert.Single(Environments(run));
        Assert.Equal("list\"id\\" + hostile, staging.ListId);
        Assert.Equal("app\n" + hostile, staging.AppId);
        Assert.Contains(staging.Options, o => o.EnvironmentOptionId == "opt\"" + hostile);
    }

    [Fact]
    public void Hostile_app_ids_of_the_primary_and_an_environment_snapshot_compile_and_round_trip_as_data()
    {
        const string hostile = "a\"b\\c\\\" */ /* // \n#error x\r\n\u2028\u2029\u0085 \"; } class Evil { } \\u0022 <c>&amp;";
        var root = JsonNode.Parse(Fixtures.Deals().Text)!.AsObject();
        root["result"]!["appId"] = "primary" + hostile;
        var primary = Fixtures.Deals() with { Text = root.ToJsonString() };
        var run = GeneratorHarness.Run(
            new[] { primary, Fixtures.Companies(), EnvironmentFixtures.Deals(edit: list => list["appId"] = "staging" + hostile), EnvironmentFixtures.Companies() },
            Array.Empty<string>());

        Assert.Empty(run.CompilationDiagnostics());
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var staging = Assert.Single(Environments(run));
        Assert.Equal("primary" + hostile, staging.Schema.AppId);
        Assert.Equal("staging" + hostile, staging.AppId);
    }

    [Fact]
    public void Hostile_primary_list_names_stay_inside_the_doc_comment()
    {
        const string hostile = "Deals */ </summary> \n#error x & <c>";
        var primary = Fixtures.Deals() with { TypeName = "Deal", Text = Fixtures.Deals().Text.Replace("\"name\": \"Deals\"", "\"name\": " + System.Text.Json.JsonSerializer.Serialize(hostile), StringComparison.Ordinal) };
        var run = GeneratorHarness.Run(new[] { primary, Fixtures.Companies(), EnvironmentFixtures.Deals(edit: list => list["name"] = hostile), EnvironmentFixtures.Companies() }, Array.Empty<string>());

        Assert.Empty(run.CompilationDiagnostics());
        Assert.Equal(hostile, Assert.Single(Environments(run)).ListName);
    }

    [Theory]
    [InlineData("Schema")]
    [InlineData("Generic")]
    [InlineData("WorkiomEnvironmentTable")]
    public void A_record_named_like_an_alias_or_the_table_holder_still_compiles(string typeName)
    {
        var run = GeneratorHarness.Run(
            new[] { Fixtures.Deals() with { TypeName = typeName }, Fixtures.Companies(), EnvironmentFixtures.Deals(), EnvironmentFixtures.Companies() },
            Array.Empty<string>());

        Assert.Empty(run.CompilationDiagnostics());
        Assert.Contains(run.Sources.Keys, k => k.EndsWith("-Environments.g.cs", StringComparison.Ordinal) && !k.Contains("Company", StringComparison.Ordinal));
    }
}
