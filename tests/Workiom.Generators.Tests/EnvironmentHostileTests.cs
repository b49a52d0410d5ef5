using System.Text;
using Microsoft.CodeAnalysis;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>Environment snapshots and mapping files a hostile tenant or a careless user may give the build.</summary>
public class EnvironmentHostileTests
{
    private const string DealsListId = "b2a42566-eb5c-40bb-15d8-08d601df4183";
    private const string MapPath = "/repo/schemas/staging/workiom-map.json";

    private static GeneratorRun Run(params SnapshotFile[] environmentFiles) =>
        GeneratorHarness.Run(new[] { Fixtures.Deals(), Fixtures.Companies() }.Concat(environmentFiles), Array.Empty<string>());

    private static IReadOnlyList<Workiom.Schema.WorkiomListEnvironment> Environments(GeneratorRun run, string type = "Contoso.Crm.Deal")
    {
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.Empty(run.CompilationDiagnostics());
        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new System.Runtime.Loader.AssemblyLoadContext("hostile-environments", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(stream.ToArray()));
        return (IReadOnlyList<Workiom.Schema.WorkiomListEnvironment>)assembly.GetType(type)!.GetProperty("WorkiomEnvironments")!.GetValue(null)!;
    }

    private static void AssertInside(Diagnostic diagnostic, string path, int length)
    {
        Assert.Equal(path, diagnostic.Location.GetLineSpan().Path);
        Assert.InRange(diagnostic.Location.SourceSpan.End, 0, length);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"lists\":{}}]")]
    [InlineData("\"lists\"")]
    [InlineData("{\"lists\":[{\"" + DealsListId + "\":{}}]}")]
    [InlineData("{\"lists\":{\"" + DealsListId + "\":[1,2]}}")]
    [InlineData("{\"lists\":{\"" + DealsListId + "\":{\"fields\":[2014502,3014502]}}}")]
    [InlineData("{\"lists\":{\"" + DealsListId + "\":{\"options\":{\"2014505\":[\"a\"]}}}}")]
    public void A_map_of_the_wrong_shape_is_a_located_diagnostic_and_the_build_still_compiles(string map)
    {
        var run = Run(EnvironmentFixtures.Deals(), EnvironmentFixtures.Companies(), EnvironmentFixtures.Map(map));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "WKM0018");
        AssertInside(diagnostic, MapPath, map.Length);
        Assert.Single(Environments(run));
    }

    [Theory]
    [InlineData(100_000, "[", "]")]
    [InlineData(100_000, "{\"a\":", "}")]
    public void A_deeply_nested_map_is_a_located_diagnostic_not_a_crash(int depth, string open, string close)
    {
        var builder = new StringBuilder("{\"lists\":{\"" + DealsListId + "\":{\"$note\":");
        for (int i = 0; i < depth; i++)
        {
            builder.Append(open);
        }

        builder.Append("1");
        for (int i = 0; i < depth; i++)
        {
            builder.Append(close);
        }

        builder.Append("}}}");
        string map = builder.ToString();

        var run = Run(EnvironmentFixtures.Deals(), EnvironmentFixtures.Companies(), EnvironmentFixtures.Map(map));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "WKM0018");
        AssertInside(diagnostic, MapPath, map.Length);
        Assert.Single(Environments(run));
    }

    [Fact]
    public void A_ten_megabyte_map_is_read_with_located_diagnostics_and_compiles()
    {
        var builder = new StringBuilder("{\"lists\":{\"" + DealsListId + "\":{\"fields\":{\"2014502\":3014502");
        int i = 0;
        while (builder.Length < 10 * 1024 * 1024)
        {
            builder.Append(",\"").Append(900_000_000 + i++).Append("\":").Append(800_000_000 + i);
        }

        builder.Append("}}}}");
        string map = builder.ToString();

        var run = Run(EnvironmentFixtures.Deals(), EnvironmentFixtures.Companies(), EnvironmentFixtures.Map(map));

        Assert.All(run.Diagnostics.Where(d => d.Id == "WKM0019"), d => AssertInside(d, MapPath, map.Length));
        Assert.Contains((2014502, 3014502, "Deal Name"), Assert.Single(Environments(run)).Fields);
    }

    [Fact]
    public void Two_primary_fields_mapped_to_one_environment_field_keep_the_first_and_report_the_second()
    {
        string map = "{\"lists\":{\"" + DealsListId + "\":{\"fields\":{\"2014502\":3014503,\"2014503\":3014503}}}}";

        var run = Run(EnvironmentFixtures.Deals(edit: list => EnvironmentFixtures.Field(list, "Amount")["dataType"] = EnvironmentFixtures.Field(list, "Deal Name")["dataType"]!.DeepClone()),
            EnvironmentFixtures.Companies(), EnvironmentFixtures.Map(map));

        var taken = Assert.Single(run.Diagnostics, d => d.Id == "WKM0019");
        Assert.Contains("another entry of the map already takes", taken.GetMessage(), StringComparison.Ordinal);
        AssertInside(taken, MapPath, map.Length);
        var staging = Assert.Single(Environments(run));
        Assert.Single(staging.Fields, f => f.EnvironmentId == 3014503);
        Assert.Contains((2014502, 3014503, "Amount"), staging.Fields);
    }

    [Fact]
    public void Environment_ids_equal_to_other_primary_ids_are_translated_not_confused()
    {
        // Staging swaps the ids of Deal Name and Amount, and gives Stage's options each other's primary ids.
        var run = Run(
            EnvironmentFixtures.Deals(edit: list =>
            {
                EnvironmentFixtures.Field(list, "Deal Name")["id"] = 2014503;
                EnvironmentFixtures.Field(list, "Amount")["id"] = 2014502;
            }),
            EnvironmentFixtures.Companies());

        var staging = Assert.Single(Environments(run));
        Assert.Contains((2014502, 2014503, "Deal Name"), staging.Fields);
        Assert.Contains((2014503, 2014502, "Amount"), staging.Fields);
        Assert.True(staging.TryGetPrimaryFieldId(2014503, out int dealName));
        Assert.Equal(2014502, dealName);
    }

    [Theory]
    [InlineData("x\"; } class Evil { //")]
    [InlineData("*/ #error no /*")]
    [InlineData("a\u2028b\u2029c\nd\re")]
    [InlineData("{0} {1:x} }}")]
    [InlineData("\\u0022 \\\" \\")]
    public void Hostile_field_view_and_option_names_of_an_environment_arrive_unchanged_through_the_map(string hostile)
    {
        string map = "{\"lists\":{\"" + DealsListId + "\":{\"fields\":{\"2014503\":3014503},\"views\":{\"535375\":1535375}}}}";
        var run = Run(
            EnvironmentFixtures.Deals(edit: list =>
            {
                EnvironmentFixtures.Field(list, "Amount")["name"] = hostile;
                foreach (var view in list["views"]!.AsArray())
                {
                    view!["name"] = hostile + view["id"];
                }
            }),
            EnvironmentFixtures.Companies(),
            EnvironmentFixtures.Map(map));

        var staging = Assert.Single(Environments(run));
        Assert.Contains((2014503, 3014503, hostile), staging.Fields);
        Assert.Contains((535375, 1535375), staging.Views);
    }

    [Fact]
    public void Environment_names_that_differ_only_in_case_are_one_environment()
    {
        var run = Run(EnvironmentFixtures.Deals(environment: "Staging"), EnvironmentFixtures.Companies(environment: "STAGING"));

        var staging = Assert.Single(Environments(run));
        Assert.Equal(EnvironmentFixtures.StagingDealsListId, staging.ListId);
        Assert.Single(Environments(run, "Contoso.Crm.Company"));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "WKM0015" && d.Severity == DiagnosticSeverity.Warning && d.GetMessage().Contains("Companies", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_list_in_two_items_whose_environment_differs_only_in_case_is_one_duplicate()
    {
        var run = Run(EnvironmentFixtures.Deals(environment: "staging"), EnvironmentFixtures.Deals(environment: "STAGING", path: "/repo/schemas/staging/deals-again.json"), EnvironmentFixtures.Companies());

        Assert.Single(run.Diagnostics, d => d.Id == "WKM0020");
        Assert.Single(Environments(run));
    }
}
