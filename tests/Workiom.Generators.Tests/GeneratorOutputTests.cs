using Microsoft.CodeAnalysis;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

public class GeneratorOutputTests
{
    [Fact]
    public void Fixture_snapshots_generate_the_approved_sources()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals(), Fixtures.Companies());

        Assert.Empty(run.Diagnostics);
        Approvals.Verify(run.Source("Contoso.Crm.Deal.g.cs"), "Deal");
        Approvals.Verify(run.Source("Contoso.Crm.Company.g.cs"), "Company");
    }

    [Fact]
    public void Generated_code_compiles_without_warnings_under_nullable_and_warnings_as_errors()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals(), Fixtures.Companies(), Snapshots.HostileNames());

        Assert.Empty(run.CompilationDiagnostics());
        Assert.Equal(3, run.Sources.Count);
    }

    [Fact]
    public void Every_data_type_maps_to_its_documented_property_type()
    {
        var run = GeneratorHarness.Run(Snapshots.AllDataTypes());
        var type = run.Type("Contoso.Crm.Sample");
        Assert.Empty(run.CompilationDiagnostics());

        string TypeOf(string property) => type.GetMembers(property).OfType<IPropertySymbol>().Single().Type.ToDisplayString();

        Assert.Equal("string?", TypeOf("Text"));
        Assert.Equal("decimal?", TypeOf("Number"));
        Assert.Equal("System.DateOnly?", TypeOf("DateOnly"));
        Assert.Equal("System.DateTimeOffset?", TypeOf("DateTime"));
        Assert.Equal("bool?", TypeOf("Boolean"));
        Assert.Equal("Contoso.Crm.Sample.StaticSelectOption?", TypeOf("StaticSelect"));
        Assert.Equal("Workiom.LinkList", TypeOf("LinkList"));
        Assert.Equal("Workiom.WorkiomUser?", TypeOf("User"));
        Assert.Equal("string?", TypeOf("Website"));
        Assert.Equal("string?", TypeOf("Email"));
        Assert.Equal("System.Collections.Generic.List<Workiom.WorkiomFile>", TypeOf("File"));
        Assert.Equal("System.Text.Json.JsonElement?", TypeOf("Rollup"));
        Assert.Equal("string?", TypeOf("PhoneNumber"));
        Assert.Equal("long?", TypeOf("Count"));
        Assert.Equal("decimal?", TypeOf("Currency"));
        Assert.Equal("long?", TypeOf("AutoNumber"));
        Assert.Equal("System.Collections.Generic.List<Workiom.CheckListItem>", TypeOf("CheckList"));
        Assert.Equal("Contoso.Crm.Sample.StatusOption?", TypeOf("Status"));
        Assert.Equal("System.Collections.Generic.List<Contoso.Crm.Sample.MultiStaticSelectOption>", TypeOf("MultiStaticSelect"));
        Assert.Equal("System.Collections.Generic.List<Workiom.WorkiomUser>", TypeOf("MultiUser"));
        Assert.Equal("decimal?", TypeOf("ProgressBar"));
        Assert.Equal("System.Text.Json.JsonElement?", TypeOf("Location"));
        Assert.Equal("System.Text.Json.JsonElement?", TypeOf("Dependency"));
        Assert.Equal("System.Collections.Generic.List<Workiom.WorkiomFile>", TypeOf("Signature"));
        Assert.Equal("System.Collections.Generic.List<Contoso.Crm.Sample.StaticSelectManyOption>", TypeOf("StaticSelectMany"));
        Assert.Equal("System.Collections.Generic.List<Workiom.WorkiomUser>", TypeOf("UserMany"));
    }

    [Fact]
    public void Computed_rollup_count_autonumber_and_system_fields_are_read_only()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals(), Fixtures.Companies());
        var deal = run.Type("Contoso.Crm.Deal");

        bool IsReadOnly(string name) => deal.GetMembers(name).OfType<IPropertySymbol>().Single().SetMethod is null;

        foreach (var name in new[] { "DealNo", "CompanyEmployees", "WeightedAmount", "Creator", "CreationDate", "LastUpdater", "LastModifyDate", "LastActivityDate" })
        {
            Assert.True(IsReadOnly(name), name + " should be read-only");
        }

        foreach (var name in new[] { "DealName", "Amount", "Stage", "Company", "Owner", "Contract", "NextSteps" })
        {
            Assert.False(IsReadOnly(name), name + " should be writable");
        }

        Assert.True(run.Type("Contoso.Crm.Company").GetMembers("OpenDeals").OfType<IPropertySymbol>().Single().SetMethod is null);
    }

    [Fact]
    public void A_link_to_a_list_in_the_build_is_typed_and_one_outside_it_is_untyped()
    {
        var both = GeneratorHarness.Run(Fixtures.Deals(), Fixtures.Companies());
        var alone = GeneratorHarness.Run(Fixtures.Deals());

        string CompanyType(GeneratorRun run) =>
            run.Type("Contoso.Crm.Deal").GetMembers("Company").OfType<IPropertySymbol>().Single().Type.ToDisplayString();

        Assert.Equal("Workiom.LinkList<Contoso.Crm.Company>", CompanyType(both));
        Assert.Equal("Workiom.LinkList", CompanyType(alone));
        Assert.Empty(alone.CompilationDiagnostics());
    }

    [Fact]
    public void Deleted_fields_stay_as_obsolete_members_whose_values_are_kept_as_read()
    {
        var run = GeneratorHarness.Run(new SnapshotFile("/s/things.json", Snapshots.List("Things", "t1",
            Snapshots.Field(1, "Gone", 0, extra: "\"isDeleted\": true"), Snapshots.Field(2, "Gone", 0),
            Snapshots.Field(3, "Old Tags", 17, extra: "\"isDeleted\": true, \"staticListValues\": [{\"id\": \"a\", \"label\": \"A\"}]"),
            Snapshots.Field(4, "Old Count", 12, extra: "\"isDeleted\": true"))));

        var type = run.Type("Contoso.Crm.Thing");
        string source = run.Source("Thing.g.cs");

        // The live field keeps the plain name even though the deleted one has the lower id.
        Assert.Null(type.GetMembers("Gone").Single().GetAttributes().SingleOrDefault(a => a.AttributeClass?.Name == "ObsoleteAttribute"));
        var deleted = type.GetMembers("Gone_1").Single();
        var obsolete = deleted.GetAttributes().Single(a => a.AttributeClass?.Name == "ObsoleteAttribute");
        Assert.Contains(obsolete.NamedArguments, a => a.Key == "DiagnosticId" && (string?)a.Value.Value == "WKM2004");
        // What Workiom sends for a deleted field is kept as read; its property is written only when set.
        Assert.Contains("result.KeepDeletedField(1, key, ref reader);", source, StringComparison.Ordinal);
        Assert.Contains("result.KeepDeletedField(4, key, ref reader);", source, StringComparison.Ordinal);
        // The schema table marks them deleted, and the writer's key of a deleted field (keys[i], the
        // field on line i of the table) writes it only when the user set it.
        Assert.Contains("new(1, \"Gone\", Workiom::WorkiomDataType.Text, Schema::WorkiomFieldFlags.Deleted),", source, StringComparison.Ordinal);
        Assert.Contains("Serialization::WriteField.String(writer, filter, keys[1], _f1);", source, StringComparison.Ordinal);
        Assert.Contains("Serialization::WriteField.Options(writer, filter, keys[2], _f3, shapes.MultiStaticSelect);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("keys[3]", source, StringComparison.Ordinal);   // read-only: never written from its property
        Assert.Contains("protected override bool IsDeletedField(int fieldId) => fieldId is 1 or 3;", source, StringComparison.Ordinal);
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void Namespace_and_type_name_come_from_item_metadata_then_the_snapshot_then_the_list_name()
    {
        var fromMetadata = GeneratorHarness.Run(Fixtures.Deals() with { Namespace = "Sales.Model", TypeName = "Opportunity" });
        Assert.NotNull(fromMetadata.OutputCompilation.GetTypeByMetadataName("Sales.Model.Opportunity"));

        var fromSnapshot = GeneratorHarness.Run(new SnapshotFile("/s/x.json", Snapshots.ListWith("Deals", "l1", "\"$csharp\": { \"typeName\": \"Pipeline\", \"namespace\": \"My.Lists\" }", Snapshots.Field(1, "Name", 0))));
        Assert.NotNull(fromSnapshot.OutputCompilation.GetTypeByMetadataName("My.Lists.Pipeline"));

        var derived = GeneratorHarness.Run(new SnapshotFile("/s/y.json", Snapshots.List("Companies", "l2", Snapshots.Field(1, "Name", 0))));
        Assert.NotNull(derived.OutputCompilation.GetTypeByMetadataName("Contoso.Crm.Company"));
    }

    [Fact]
    public void Without_WorkiomNamespace_the_root_namespace_gets_a_Lists_suffix()
    {
        var run = GeneratorHarness.Run(
            new[] { Fixtures.Deals() },
            Array.Empty<string>(),
            new Dictionary<string, string> { ["build_property.WorkiomNamespace"] = "", ["build_property.RootNamespace"] = "Acme.Sales" });

        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Acme.Sales.Lists.Deal"));
    }

    [Fact]
    public void Additional_files_not_marked_as_snapshots_are_ignored()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals() with { IsWorkiomSchema = false }, new SnapshotFile("/other.json", "not json at all", IsWorkiomSchema: false));

        Assert.Empty(run.Sources);
        Assert.Empty(run.Diagnostics);
    }
}
