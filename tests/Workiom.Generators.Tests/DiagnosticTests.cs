using Microsoft.CodeAnalysis;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>One test per WKM id: the diagnostic, its severity, and where in the snapshot it points.</summary>
public class DiagnosticTests
{
    private static Diagnostic Single(string id, string text, out GeneratorRun run)
    {
        run = GeneratorHarness.Run(new SnapshotFile("/s/bad.json", text));
        var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", run.Diagnostics)}");
        Assert.Equal("/s/bad.json", matching[0].Location.GetLineSpan().Path);
        return matching[0];
    }

    private static (int Line, int Column) Position(string text, string marker, int occurrence = 0)
    {
        int index = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(marker, index + 1, StringComparison.Ordinal);
        }

        var before = text.Substring(0, index);
        return (before.Count(c => c == '\n'), index - (before.LastIndexOf('\n') + 1));
    }

    private static void AssertAt(Diagnostic diagnostic, (int Line, int Column) expected)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal(expected, (start.Line, start.Character));
    }

    [Fact]
    public void WKM0001_invalid_json_points_at_the_syntax_error()
    {
        string text = "{\n  \"id\": \"l1\",\n  \"fields\": [ { \"id\": 1, } ]\n}";
        var diagnostic = Single("WKM0001", text, out var run);

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        AssertAt(diagnostic, Position(text, "}", 0));
        Assert.Contains("property name", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("{\"id\": \"l1\", \"fields\": [", "ends where a value")]
    [InlineData("{\"id\": \"l1\", \"fields\": [1", "ends inside an array")]
    [InlineData("{\"id\": \"l1\", \"name\": \"unterminated", "closing")]
    [InlineData("", "ends where a value")]
    [InlineData("{\"a\": tru}", "'true'")]
    [InlineData("{\"a\": 01}", "after a property value")]
    [InlineData("{\"a\": \"\\x\"}", "escape")]
    public void WKM0001_reports_every_kind_of_broken_json_without_throwing(string text, string expectedFragment)
    {
        var diagnostic = Single("WKM0001", text, out _);
        Assert.Contains(expectedFragment, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void WKM0001_deep_nesting_is_refused_with_a_diagnostic()
    {
        string text = new string('[', 5000) + new string(']', 5000);
        var diagnostic = Single("WKM0001", text, out _);
        Assert.Contains("nests deeper", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("{\"result\": null, \"success\": false, \"error\": {\"message\": \"List not found\"}}", "List not found")]
    [InlineData("{\"hello\": \"world\"}", "neither")]
    public void WKM0002_not_a_list_document(string text, string expectedFragment)
    {
        var diagnostic = Single("WKM0002", text, out var run);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        Assert.Contains(expectedFragment, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void WKM0003_missing_fields_points_at_the_list()
    {
        string text = "{\n  \"result\": {\n    \"id\": \"l1\", \"name\": \"Deals\"\n  }\n}";
        var diagnostic = Single("WKM0003", text, out _);
        AssertAt(diagnostic, Position(text, "{", 1));
        Assert.Contains("expand=Fields", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void WKM0003_a_list_id_that_is_not_a_string_points_at_the_id()
    {
        string text = "{ \"id\": {\"x\": 1}, \"fields\": [] }";
        var diagnostic = Single("WKM0003", text, out _);
        AssertAt(diagnostic, Position(text, "{\"x\""));
    }

    [Fact]
    public void WKM0004_duplicate_field_id_points_at_the_second_and_keeps_the_first()
    {
        string text = Snapshots.List("Deals", "l1", Snapshots.Field(7, "First", 0), Snapshots.Field(7, "Second", 1));
        var diagnostic = Single("WKM0004", text, out var run);

        AssertAt(diagnostic, Position(text, "7", 1));
        var deal = run.Type("Contoso.Crm.Deal");
        Assert.NotEmpty(deal.GetMembers("First"));
        Assert.Empty(deal.GetMembers("Second"));
    }

    [Fact]
    public void WKM0005_field_id_that_is_not_a_number_skips_only_that_field()
    {
        string text = Snapshots.List("Deals", "l1", "{ \"id\": \"abc\", \"name\": \"Broken\", \"dataType\": 0 }", Snapshots.Field(2, "Fine", 0));
        var diagnostic = Single("WKM0005", text, out var run);

        AssertAt(diagnostic, Position(text, "\"abc\""));
        Assert.NotEmpty(run.Type("Contoso.Crm.Deal").GetMembers("Fine"));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void WKM0006_unknown_data_type_is_a_warning_and_keeps_raw_json()
    {
        string text = Snapshots.List("Deals", "l1", Snapshots.Field(1, "Future Thing", 99));
        var diagnostic = Single("WKM0006", text, out var run);

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        AssertAt(diagnostic, Position(text, "99"));
        var property = run.Type("Contoso.Crm.Deal").GetMembers("FutureThing").OfType<IPropertySymbol>().Single();
        Assert.Equal("System.Text.Json.JsonElement?", property.Type.ToDisplayString());
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void WKM0007_renamed_identifier_is_information()
    {
        string text = Snapshots.List("Deals", "l1", Snapshots.Field(1, "1st contact", 0));
        var diagnostic = Single("WKM0007", text, out _);

        Assert.Equal(DiagnosticSeverity.Info, diagnostic.DefaultSeverity);
        Assert.Contains("_1stContact", diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertAt(diagnostic, Position(text, "\"1st contact\""));
    }

    [Fact]
    public void WKM0008_unusable_type_name_override_points_at_it()
    {
        string text = Snapshots.ListWith("Deals", "l1", "\"$csharp\": { \"typeName\": \"class\" }", Snapshots.Field(1, "Name", 0));
        var diagnostic = Single("WKM0008", text, out var run);

        AssertAt(diagnostic, Position(text, "\"class\""));
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Contoso.Crm.Deal"));
    }

    [Theory]
    [InlineData("\"not a field\"", "a string")]
    [InlineData("{ \"id\": 5, \"name\": \"No type\" }", "no 'dataType'")]
    [InlineData("{ \"id\": 5, \"name\": \"Odd type\", \"dataType\": \"text\" }", "not a whole number")]
    [InlineData("{ \"id\": 5, \"name\": \"Huge type\", \"dataType\": 2147483648 }", "not a whole number between -2147483648 and 2147483647")]
    [InlineData("{ \"id\": 5, \"name\": \"Fraction\", \"dataType\": 1.5 }", "not a whole number between")]
    public void WKM0009_malformed_field_is_skipped_and_the_rest_generate(string badField, string expectedFragment)
    {
        string text = Snapshots.List("Deals", "l1", badField, Snapshots.Field(2, "Fine", 0));
        var diagnostic = Single("WKM0009", text, out var run);

        Assert.Contains(expectedFragment, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.NotEmpty(run.Type("Contoso.Crm.Deal").GetMembers("Fine"));
    }

    [Fact]
    public void WKM0010_two_snapshots_of_one_list_keep_the_first_and_report_the_second()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals("/s/a.json"), Fixtures.Deals("/s/b.json"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("WKM0010", diagnostic.Id);
        Assert.Equal("/s/b.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("/s/a.json", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void WKM0011_two_lists_with_colliding_names_both_generate_and_the_later_one_is_reported()
    {
        var run = GeneratorHarness.Run(
            new SnapshotFile("/s/a.json", Snapshots.List("Deals", "l1", Snapshots.Field(1, "Name", 0))),
            new SnapshotFile("/s/b.json", Snapshots.List("Deal", "l2", Snapshots.Field(1, "Name", 0))));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("WKM0011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Equal("/s/b.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(2, run.Sources.Count);
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void WKM0012_an_unexpected_failure_is_an_error_at_its_snapshot()
    {
        var generator = new WorkiomGenerator { StageProbe = (_, path) => throw new FormatException("at " + path) };
        var run = GeneratorHarness.Run(new[] { new SnapshotFile("/s/bad.json", Snapshots.List("Deals", "l1", Snapshots.Field(1, "Name", 0))) }, Array.Empty<string>(), generator: generator);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("WKM0012", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        Assert.Equal("/s/bad.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("System.FormatException: at /s/bad.json", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_broken_snapshot_does_not_stop_its_siblings()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals(), new SnapshotFile("/s/broken.json", "{\"id\": \"x\", \"fields\": [ {"), Fixtures.Companies());

        Assert.Equal("WKM0001", Assert.Single(run.Diagnostics).Id);
        Assert.Equal(2, run.Sources.Count);
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void Every_diagnostic_has_a_help_page_in_the_repository()
    {
        var ids = typeof(WorkiomGenerator).Assembly.GetType("Workiom.Generators.Diagnostics.DiagnosticDescriptors")!
            .GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        string docs = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics");

        Assert.NotEmpty(ids);
        foreach (var descriptor in ids)
        {
            Assert.EndsWith("docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(docs, descriptor.Id + ".md")), "Missing docs/diagnostics/" + descriptor.Id + ".md");
        }
    }
}
