using Microsoft.CodeAnalysis;
using Workiom.Generators.Naming;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

public class NamingTests
{
    [Theory]
    [InlineData("Deal Name", "DealName")]
    [InlineData("deal_name", "DealName")]
    [InlineData("Deal No.", "DealNo")]
    [InlineData("Event | Trade Show", "EventTradeShow")]
    [InlineData("اسم العميل", "اسمالعميل")]
    [InlineData("şirket adı", "ŞirketAdı")]
    [InlineData("ıstanbul office", "ıstanbulOffice")] // invariant casing leaves the dotless i alone, on every machine
    [InlineData("🔥 Hot lead", "HotLead")]
    [InlineData("e-mail", "EMail")]
    [InlineData("", "")]
    [InlineData("!!!", "")]
    public void PascalCase_keeps_letters_and_digits_of_any_script(string name, string expected) =>
        Assert.Equal(expected, IdentifierNames.ToPascalCase(name));

    [Theory]
    [InlineData("Deals", "Deal")]
    [InlineData("Companies", "Company")]
    [InlineData("Addresses", "Address")]
    [InlineData("Boxes", "Box")]
    [InlineData("Status", "Status")]
    [InlineData("Business", "Business")]
    [InlineData("Analysis", "Analysis")]
    [InlineData("SalesPipelineItems", "SalesPipelineItem")]
    [InlineData("Staff", "Staff")]
    public void List_names_become_singular_type_names(string name, string expected) =>
        Assert.Equal(expected, IdentifierNames.Singularize(name));

    [Fact]
    public void Hostile_field_names_become_valid_unique_stable_identifiers()
    {
        var run = GeneratorHarness.Run(Snapshots.HostileNames());
        var type = run.Type("Contoso.Crm.HostileName");
        var properties = type.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && !p.IsOverride).Select(p => p.Name).ToList();

        Assert.Empty(run.CompilationDiagnostics());
        Assert.Contains("DealName", properties);        // field 1 keeps the plain name: it has the lower id
        Assert.Contains("DealName_2", properties);      // "deal  name" clashes with field 1
        Assert.Contains("Class", properties);
        Assert.Contains("_2024Budget", properties);
        Assert.Contains("Field5", properties);          // only emoji
        Assert.Contains("اسمالعميل", properties);
        Assert.Contains("ŞirketAdıÜnvan", properties);
        Assert.Contains("Id_8", properties);            // every record already has Id
        Assert.Contains("HostileName_9", properties);   // a member cannot be named like its type
        Assert.Contains("Fields_10", properties);       // the nested Fields class
        Assert.Contains("StageOption_12", properties);  // the option type of "Stage" owns that name
        Assert.Contains("LineSeparatorQuote", properties);

        var options = run.Type("Contoso.Crm.HostileName+StageOption").GetMembers().OfType<IPropertySymbol>().Where(p => p.IsStatic).Select(p => p.Name).ToList();
        Assert.Contains("Won", options);
        Assert.Contains("Won_2", options);              // "won" clashes once PascalCased
        Assert.Contains("Known_3", options);            // the Known list owns that name
        Assert.Contains("QuotedB", options);
        Assert.Contains("Option5", options);
    }

    [Fact]
    public void Renamed_identifiers_are_reported_as_information_at_the_field_name()
    {
        var file = Snapshots.HostileNames();
        var run = GeneratorHarness.Run(file);

        var renamed = run.Diagnostics.Where(d => d.Id == "WKM0007").ToList();
        Assert.All(renamed, d => Assert.Equal(DiagnosticSeverity.Info, d.DefaultSeverity));
        var idClash = renamed.Single(d => d.GetMessage().Contains("'Id' (field 8)", StringComparison.Ordinal));
        var span = idClash.Location.GetLineSpan();
        Assert.Equal(file.Path, span.Path);
        string line = file.Text.Split('\n')[span.StartLinePosition.Line];
        Assert.Equal("\"Id\"", line.Substring(span.StartLinePosition.Character, 4));
        Assert.DoesNotContain(renamed, d => d.GetMessage().Contains("(field 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_per_field_name_override_wins_and_survives_a_renamed_field()
    {
        string Snapshot(string fieldName) => Snapshots.ListWith("Deals", "l1", "\"$csharp\": { \"names\": { \"1\": \"Title\" } }",
            Snapshots.Field(1, fieldName, 0), Snapshots.Field(2, "Amount", 13));

        var before = GeneratorHarness.Run(new SnapshotFile("/s/d.json", Snapshot("Deal Name")));
        var after = GeneratorHarness.Run(new SnapshotFile("/s/d.json", Snapshot("Opportunity title (renamed in Workiom)")));

        foreach (var run in new[] { before, after })
        {
            var deal = run.Type("Contoso.Crm.Deal");
            Assert.NotEmpty(deal.GetMembers("Title"));
            Assert.NotEmpty(deal.GetMembers("Amount"));
            Assert.Empty(run.CompilationDiagnostics());
        }
    }

    [Fact]
    public void An_unusable_override_is_a_located_warning_and_the_derived_name_is_kept()
    {
        string text = Snapshots.ListWith("Deals", "l1", "\"$csharp\": { \"names\": { \"1\": \"not valid\", \"2\": \"Id\", \"x\": \"Name\" } }",
            Snapshots.Field(1, "Deal Name", 0), Snapshots.Field(2, "Amount", 13));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/d.json", text));

        var warnings = run.Diagnostics.Where(d => d.Id == "WKM0008").ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, d => Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity));
        int invalidAt = text.IndexOf("\"not valid\"", StringComparison.Ordinal);
        Assert.Contains(warnings, d => d.Location.SourceSpan.Start == invalidAt);
        var deal = run.Type("Contoso.Crm.Deal");
        Assert.NotEmpty(deal.GetMembers("DealName"));
        Assert.NotEmpty(deal.GetMembers("Amount"));
    }

    [Theory]
    [InlineData("Query", "QueryRecord")]
    [InlineData("Read From", "ReadFromRecord")]
    [InlineData("_", "ListL1")]
    public void A_list_named_like_a_member_of_every_record_gets_another_type_name(string listName, string expected)
    {
        var run = GeneratorHarness.Run(new SnapshotFile("/s/l.json", Snapshots.List(listName, "l1", Snapshots.Field(1, "Name", 0))));

        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Contoso.Crm." + expected));
        Assert.Empty(run.CompilationDiagnostics());
    }
}
