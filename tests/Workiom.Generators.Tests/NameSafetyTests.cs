using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Workiom.Generators.Emitting;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>
/// A name, a label, a description or a data type is data from a tenant's Workiom: none of them may break
/// the build. Every run here compiles and emits the generated code with nullable, every warning wave and
/// XML doc checks on, warnings as errors.
/// </summary>
public class NameSafetyTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(-22)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(23)]
    public void Any_unknown_int_data_type_keeps_the_raw_json_and_compiles(int dataType)
    {
        string text = Snapshots.List("Deals", "l1", Snapshots.Field(1, "Name", 0), Snapshots.Field(2, "Future Thing", dataType));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text));

        var warning = Assert.Single(run.Diagnostics);
        Assert.Equal("WKM0006", warning.Id);
        Assert.Equal(text.IndexOf(dataType.ToString(CultureInfo.InvariantCulture) + " }", StringComparison.Ordinal), warning.Location.SourceSpan.Start);
        var deal = run.Type("Contoso.Crm.Deal");
        Assert.Equal("System.Text.Json.JsonElement?", deal.GetMembers("FutureThing").OfType<IPropertySymbol>().Single().Type.ToDisplayString());
        Assert.Equal("Workiom.Queries.RawField<Contoso.Crm.Deal>",
            run.Type("Contoso.Crm.Deal+QueryFields").GetMembers("FutureThing").OfType<IPropertySymbol>().Single().Type.ToDisplayString());
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void The_query_descriptor_of_an_unknown_data_type_carries_it_unchanged()
    {
        string text = Snapshots.List("Deals", "l1", Snapshots.Field(2, "Future Thing", int.MinValue));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text));

        var descriptor = (Workiom.Queries.IWorkiomField)GeneratedQueryFields(run, "FutureThing");
        Assert.Equal((Workiom.WorkiomDataType)int.MinValue, descriptor.DataType);
    }

    [Fact]
    public void Lone_surrogates_in_names_labels_and_descriptions_keep_comments_well_formed_and_literals_exact()
    {
        // Escaped in the JSON, as Workiom would send them; the field name also arrives raw.
        string text = """
            { "result": { "id": "l1", "name": "Deals\uD800", "description": "list \uDC00 description", "fields": [
              { "id": 1, "name": "Name\uDBFF", "dataType": 0, "isPrimary": true, "description": "field \uD800 description \uFFFE" },
              { "id": 2, "name": "Raw RAWSURROGATE", "dataType": 0, "description": "\uDE00\uD83D" },
              { "id": 3, "name": "Stage", "dataType": 4, "staticListValues": [ { "id": "a\uD800", "label": "Won\uDC00" }, { "id": "b", "label": "\uD83D\uDD25 Hot" } ] }
            ] } }
            """.Replace("RAWSURROGATE", "\uD800", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text));
        string source = run.Source("Contoso.Crm.Deal.g.cs");

        Assert.Empty(run.CompilationDiagnostics());
        foreach (var line in source.Split('\n').Where(l => l.TrimStart().StartsWith("///", StringComparison.Ordinal)))
        {
            Assert.True(IsWellFormedUtf16(line), "A doc comment line holds a lone surrogate: " + line);
        }

        Assert.True(IsWellFormedUtf16(source), "The generated source holds a lone surrogate.");
        Assert.Contains("WorkiomListName => \"Deals\\ud800\";", source, StringComparison.Ordinal);
        Assert.Contains("\"Won\\udc00\"", source, StringComparison.Ordinal);
        Assert.Contains("\"Raw \\ud800\"", source, StringComparison.Ordinal);
        Assert.Contains("/// <summary>\"Won\uFFFD\"", source, StringComparison.Ordinal);
        Assert.Contains("\uD83D\uDD25 Hot", source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_doc_comment_escaper_replaces_what_xml_cannot_hold()
    {
        // Built in code: test data with lone surrogates does not survive a trip through the test runner.
        var cases = new (string Text, string Expected)[]
        {
            ("a\uD800b", "a\uFFFDb"),
            ("\uDC00", "\uFFFD"),
            ("end\uD83D", "end\uFFFD"),
            ("\uDE00\uD83D", "\uFFFD\uFFFD"),
            ("\uD83D\uD83D\uDE00", "\uFFFD\uD83D\uDE00"),
            ("pair \uD83D\uDE00 kept", "pair \uD83D\uDE00 kept"),
            ("x\uFFFEy\uFFFF", "x\uFFFDy\uFFFD"),
            ("<b> & \u2028", "&lt;b&gt; &amp;  "),
        };

        foreach (var (text, expected) in cases)
        {
            Assert.Equal(Hex(expected), Hex(RecordEmitter.Escape(text)));
            var builder = new StringBuilder();
            SourceWriter.AppendEscaped(builder, text, 4);
            Assert.Equal(Hex(expected), Hex(builder.ToString()));
        }

        static string Hex(string value) => string.Join(" ", value.Select(c => ((int)c).ToString("x4", CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("My Lists", "part 'My Lists'")]
    [InlineData("Contoso..Lists", "dotted list")]
    [InlineData("Contoso.Lists.", "dotted list")]
    [InlineData("class.Lists", "keyword")]
    [InlineData("Contoso.A\u200BB", "formatting character")]
    [InlineData("global::Contoso", "part 'global::Contoso'")]
    public void An_unusable_WorkiomNamespace_is_reported_once_and_the_root_namespace_is_used(string configured, string why)
    {
        var run = GeneratorHarness.Run(
            new[] { Fixtures.Deals(), Fixtures.Companies() },
            Array.Empty<string>(),
            new Dictionary<string, string> { ["build_property.WorkiomNamespace"] = configured, ["build_property.RootNamespace"] = "Acme.Sales" });

        var warning = Assert.Single(run.Diagnostics);
        Assert.Equal("WKM0008", warning.Id);
        Assert.Equal(Location.None, warning.Location);
        Assert.Contains("$(WorkiomNamespace)", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(why, warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Acme.Sales.Lists' is used instead", warning.GetMessage(), StringComparison.Ordinal);
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Acme.Sales.Lists.Deal"));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Theory]
    [InlineData("Contoso.nameof")]
    [InlineData("Contoso.var")]
    [InlineData("Contoso.dynamic.value")]
    public void A_namespace_part_named_like_a_contextual_keyword_does_not_change_what_the_generated_code_means(string configured)
    {
        var run = GeneratorHarness.Run(
            new[] { Fixtures.Deals(), Fixtures.Companies() },
            Array.Empty<string>(),
            new Dictionary<string, string> { ["build_property.WorkiomNamespace"] = configured });

        Assert.Empty(run.Diagnostics);
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName(configured + ".Deal"));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void A_namespace_too_long_for_metadata_is_refused()
    {
        string configured = string.Join(".", Enumerable.Repeat("Abcdefghij", 60));
        var run = GeneratorHarness.Run(
            new[] { Fixtures.Deals() },
            Array.Empty<string>(),
            new Dictionary<string, string> { ["build_property.WorkiomNamespace"] = configured, ["build_property.RootNamespace"] = "" });

        Assert.Contains("UTF-8 bytes", Assert.Single(run.Diagnostics, d => d.Id == "WKM0008").GetMessage(), StringComparison.Ordinal);
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("WorkiomLists.Deal"));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void Without_any_snapshot_an_unusable_WorkiomNamespace_is_not_reported()
    {
        var run = GeneratorHarness.Run(
            Array.Empty<SnapshotFile>(), Array.Empty<string>(), new Dictionary<string, string> { ["build_property.WorkiomNamespace"] = "not valid" });

        Assert.Empty(run.Diagnostics);
    }

    [Theory]
    [InlineData("\"namespace\": \"My Lists\"", null)]
    [InlineData(null, "Sales..Model")]
    public void An_unusable_snapshot_or_item_namespace_is_a_located_warning_and_the_default_is_used(string? csharp, string? itemNamespace)
    {
        string text = Snapshots.ListWith("Deals", "l1", csharp is null ? null : "\"$csharp\": { " + csharp + " }", Snapshots.Field(1, "Name", 0));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text, Namespace: itemNamespace));

        var warning = Assert.Single(run.Diagnostics);
        Assert.Equal("WKM0008", warning.Id);
        Assert.Equal("/s/deals.json", warning.Location.GetLineSpan().Path);
        Assert.Equal(csharp is null ? 0 : text.IndexOf("\"My Lists\"", StringComparison.Ordinal), warning.Location.SourceSpan.Start);
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Contoso.Crm.Deal"));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Theory]
    [InlineData("{ \"1\": \"Amount\\u200B\" }", "formatting character")]
    [InlineData("{ \"1\": \"_f2\" }", "already has a member")]
    [InlineData("{ \"1\": \"s_queryFields\" }", "already has a member")]
    public void A_field_name_override_that_would_be_the_same_member_as_another_is_refused(string names, string why)
    {
        string text = Snapshots.ListWith("Deals", "l1", "\"$csharp\": { \"names\": " + names + " }", Snapshots.Field(1, "Title", 0), Snapshots.Field(2, "Amount", 13));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text));

        Assert.Contains(why, Assert.Single(run.Diagnostics, d => d.Id == "WKM0008").GetMessage(), StringComparison.Ordinal);
        Assert.NotEmpty(run.Type("Contoso.Crm.Deal").GetMembers("Title"));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void A_field_name_override_that_takes_a_clash_suffix_pushes_the_clashing_field_further()
    {
        string text = Snapshots.ListWith("Deals", "l1", "\"$csharp\": { \"names\": { \"3\": \"Title_2\" } }",
            Snapshots.Field(1, "Title", 0), Snapshots.Field(2, "Title", 0), Snapshots.Field(3, "Other", 0));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text));

        var deal = run.Type("Contoso.Crm.Deal");
        Assert.Equal(3, new[] { "Title", "Title_2", "Title_2_2" }.Count(name => deal.GetMembers(name).OfType<IPropertySymbol>().Any()));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Theory]
    [InlineData("deal")]
    [InlineData("var")]
    [InlineData("record")]
    [InlineData("required")]
    [InlineData("_f1")]
    public void A_type_name_override_the_compiler_would_warn_about_or_refuse_is_not_used(string typeName)
    {
        string text = Snapshots.ListWith("Deals", "l1", "\"$csharp\": { \"typeName\": \"" + typeName + "\" }", Snapshots.Field(1, "Name", 0));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text), Fixtures.Companies());

        Assert.Single(run.Diagnostics, d => d.Id == "WKM0008");
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Contoso.Crm.Deal"));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void Names_too_long_for_metadata_are_shortened_and_stay_distinct()
    {
        string longName = new string('x', 5000);
        string text = Snapshots.List(longName, "l1",
            Snapshots.Field(1, longName, 0),
            Snapshots.Field(2, longName + "y", 4, "\"staticListValues\": [{\"id\": \"a\", \"label\": \"" + longName + "\"}, {\"id\": \"b\", \"label\": \"" + longName + "z\"}]"));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/long.json", text));

        var type = run.Type("Contoso.Crm." + "X" + new string('x', 63));
        Assert.All(type.GetMembers().Where(m => m.CanBeReferencedByName), member => Assert.InRange(member.Name.Length, 1, 140));
        Assert.Equal(2, type.GetMembers().OfType<IPropertySymbol>().Count(p => !p.IsStatic && p.Name.StartsWith("Xxx", StringComparison.Ordinal)));
        var options = type.GetTypeMembers().Single(t => t.Name.EndsWith("Option", StringComparison.Ordinal));
        Assert.Equal(2, options.GetMembers().OfType<IPropertySymbol>().Count(p => p.IsStatic && p.Name.StartsWith("Xxx", StringComparison.Ordinal)));
        Assert.Contains(run.Diagnostics, d => d.Id == "WKM0007" && d.GetMessage().Contains("longer than 128", StringComparison.Ordinal));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void Every_name_the_generator_derives_is_accepted_back_as_an_override()
    {
        // The workiom tool writes derived names back into $csharp.names when a field is renamed in Workiom.
        string longName = new string('n', 300);
        var fields = new[]
        {
            Snapshots.Field(1999999991, longName, 0), Snapshots.Field(1999999992, longName, 4, "\"staticListValues\": [{\"id\": \"a\", \"label\": \"A\"}]"),
            Snapshots.Field(1999999993, longName + "Option", 0), Snapshots.Field(4, "Id", 0), Snapshots.Field(5, "🔥", 0), Snapshots.Field(6, "2024", 0),
        };
        var first = Workiom.Generators.Parsing.SnapshotParser.Parse(
            new Workiom.Generators.Model.SnapshotInput("/s/a.json", Snapshots.List("Deals", "l1", fields), null, null, "N"), CancellationToken.None);
        string names = string.Join(", ", first.List!.Fields.Select(f => "\"" + f.Id.ToString(CultureInfo.InvariantCulture) + "\": \"" + f.PropertyName + "\""));
        var again = Workiom.Generators.Parsing.SnapshotParser.Parse(
            new Workiom.Generators.Model.SnapshotInput("/s/a.json", Snapshots.ListWith("Deals", "l1", "\"$csharp\": { \"names\": { " + names + " } }", fields), null, null, "N"), CancellationToken.None);

        Assert.DoesNotContain(again.Diagnostics, d => d.Id == "WKM0008");
        Assert.Equal(first.List.Fields.Select(f => f.PropertyName), again.List!.Fields.Select(f => f.PropertyName));
        Assert.Contains(first.List.Fields, f => f.PropertyName.Length > IdentifierNamesMaxLength);
    }

    [Fact]
    public void The_schema_table_holds_names_labels_ids_and_views_exactly_as_the_runtime_reads_them()
    {
        // Names that end a string, a comment or a line, and a deleted, a computed, a required and a multiple field.
        string text = """
            { "result": { "id": "l\"1", "name": "Deals \"*/ #error", "fields": [
              { "id": 1, "name": "Name\" + \"x", "dataType": 0, "isPrimary": true, "isRequired": true },
              { "id": 2, "name": "Stage\n#error x", "dataType": 4, "staticListValues": [ { "id": "a\"b", "label": "Won */ //" }, { "id": 7, "label": "\u2028Hot" } ] },
              { "id": 3, "name": "Gone", "dataType": 1, "isDeleted": true },
              { "id": 4, "name": "Total", "dataType": 1, "isComputed": true },
              { "id": 5, "name": "Company", "dataType": 5, "allowMultiple": true, "linkedListId": "c\\1" },
              { "id": 6, "name": "Future", "dataType": -7 }
            ], "views": [ { "id": 10, "name": "Open \"deals\" \u0085 */" }, { "id": "11", "name": "" }, { "id": "x", "name": "no id" } ] } }
            """;
        var run = GeneratorHarness.Run(new SnapshotFile("/s/deals.json", text));
        Assert.Empty(run.CompilationDiagnostics());

        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        // Its own context: other tests load an assembly of the same name into the default one.
        var context = new System.Runtime.Loader.AssemblyLoadContext("schema-table", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(stream.ToArray()));
        var generated = Assert.Single(Workiom.Schema.WorkiomGeneratedList.Of(assembly));
        using var document = System.Text.Json.JsonDocument.Parse(text);
        var read = Workiom.Schema.WorkiomListSchema.FromListsGet(document.RootElement);

        Assert.Equal("l\"1", generated.ListId);
        Assert.Equal(Describe(read), Describe(generated));
        Assert.Empty(Workiom.Schema.WorkiomSchemaDiff.Compare(generated, read));
        Assert.Equal(new[] { 10, 11 }, generated.Views.Select(v => v.Id));
    }

    private static string Describe(Workiom.Schema.WorkiomListSchema list) => list.ListId + "|" + list.ListName + "\n" +
        string.Join("\n", list.Fields.OrderBy(f => f.Id).Select(f => f.Id + "|" + f.Name + "|" + (int)f.DataType + "|" + f.Flags + "|" + f.LinkedListId + "|" +
            string.Join(",", f.Options.Select(o => o.Id + "=" + o.Label)))) + "\n" +
        string.Join("\n", list.Views.Select(v => v.Id + "|" + v.Name));

    private const int IdentifierNamesMaxLength = 128;

    private static object GeneratedQueryFields(GeneratorRun run, string property)
    {
        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(stream.ToArray()));
        var fieldsType = assembly.GetType("Contoso.Crm.Deal+QueryFields")!;
        var fields = Activator.CreateInstance(fieldsType)!;
        return fieldsType.GetProperty(property)!.GetValue(fields)!;
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
