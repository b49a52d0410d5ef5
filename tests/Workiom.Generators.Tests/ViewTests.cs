using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>Saved views (<c>views</c> of <c>Lists/Get?expand=Views</c>) become static members of the record's views class.</summary>
public class ViewTests
{
    private static string View(string id, string name, string? extra = null) =>
        "{ \"id\": " + id + ", \"name\": " + System.Text.Json.JsonSerializer.Serialize(name) + (extra is null ? string.Empty : ", " + extra) + " }";

    private static string WithViews(string views, params string[] fields) =>
        Snapshots.ListWith("Deals", "deals", "\"views\": " + views, fields.Length == 0 ? [Snapshots.Field(1, "Name", 0, "\"isPrimary\": true")] : fields);

    /// <summary>View names that are hard to turn into members: every one must compile and keep its name as data.</summary>
    public static SnapshotFile HostileViews() => new("/s/views.json", WithViews(
        "[" + string.Join(", ",
            View("10", "Open deals"),
            View("11", "Open deals"),
            View("12", ""),
            View("13", "🔥🔥"),
            View("14", "class"),
            View("15", "Views"),
            View("16", "Equals"),
            View("17", "open deals"),
            View("18", "Line\u2028Separator */ \"quote\" </summary> & <b>"),
            View("19", new string('x', 300)),
            View("20", "Deal"),
            View("21", "ToString")) + "]",
        Snapshots.Field(1, "Name", 0, "\"isPrimary\": true"),
        Snapshots.Field(2, "Views", 0),
        Snapshots.Field(3, "Saved Views", 1)));

    /// <summary>The view members of the record's views class, with the view id each one is made with.</summary>
    private static Dictionary<string, int> ViewMembers(GeneratorRun run, string typeName)
    {
        var views = run.Type("Contoso.Crm.Deal").GetTypeMembers(typeName).Single();
        Assert.True(views.IsStatic);
        return views.GetMembers().OfType<IPropertySymbol>().ToDictionary(p => p.Name, ViewId);
    }

    private static int ViewId(IPropertySymbol member)
    {
        var declaration = (PropertyDeclarationSyntax)member.DeclaringSyntaxReferences.Single().GetSyntax();
        var creation = (BaseObjectCreationExpressionSyntax)declaration.Initializer!.Value;
        return int.Parse(creation.ArgumentList!.Arguments[0].Expression.ToString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Fixture_views_are_static_members_of_the_views_class()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals(), Fixtures.Companies());

        Assert.Empty(run.CompilationDiagnostics());
        Assert.Equal(new Dictionary<string, int> { ["AllDeals"] = 535375, ["OpenPipelineBoard"] = 535376 }, ViewMembers(run, "Views"));
        Assert.Empty(run.Type("Contoso.Crm.Company").GetTypeMembers("Views"));
    }

    [Fact]
    public void Hostile_view_names_compile_and_each_view_keeps_its_own_member()
    {
        var file = HostileViews() with { Namespace = "Contoso.Crm", TypeName = "Deal" };
        var run = GeneratorHarness.Run(file);

        Assert.Empty(run.CompilationDiagnostics());
        Assert.DoesNotContain(run.Diagnostics, d => d.DefaultSeverity >= DiagnosticSeverity.Warning);

        // A field already took "Views" and another "SavedViews": the class gets the next free name.
        var members = ViewMembers(run, "SavedViews_2");
        Assert.Equal(12, members.Count);
        Assert.Equal(10, members["OpenDeals"]);
        Assert.Equal(11, members["OpenDeals_11"]);
        Assert.Equal(12, members["View12"]);
        Assert.Equal(13, members["View13"]);
        Assert.Equal(14, members["Class"]);
        Assert.Equal(15, members["Views"]);
        Assert.Equal(16, members["Equals_16"]);
        Assert.Equal(17, members["OpenDeals_17"]);
        Assert.Equal(20, members["Deal"]);
        Assert.Equal(21, members["ToString_21"]);
        Assert.Contains(members, m => m.Value == 19 && m.Key.Length <= 160);

        // The name goes into the source only as an escaped literal and an escaped doc comment.
        string source = run.Source("Deal.g.cs");
        Assert.Contains("new(18, \"Line\\u2028Separator */ \\\"quote\\\" </summary> & <b>\")", source, StringComparison.Ordinal);
        Assert.DoesNotContain("/// \"Line\u2028", source, StringComparison.Ordinal);
        Assert.Contains(run.Diagnostics, d => d.Id == "WKM0007" && d.GetMessage().Contains("view 11", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_type_named_Views_keeps_its_views_in_another_class()
    {
        var run = GeneratorHarness.Run(new SnapshotFile("/s/views.json", WithViews("[" + View("5", "Views") + "]"), "Contoso.Crm", "Views"));

        Assert.Empty(run.CompilationDiagnostics());
        var type = run.Type("Contoso.Crm.Views");
        Assert.Equal(["Views"], type.GetTypeMembers("SavedViews").Single().GetMembers().OfType<IPropertySymbol>().Select(p => p.Name));
    }

    [Fact]
    public void A_snapshot_without_views_generates_no_views_class()
    {
        var run = GeneratorHarness.Run(new SnapshotFile("/s/none.json", Snapshots.List("Deals", "deals", Snapshots.Field(1, "Name", 0)), "Contoso.Crm", "Deal"),
            new SnapshotFile("/s/null.json", Snapshots.ListWith("Other", "other", "\"views\": null", Snapshots.Field(1, "Name", 0)), "Contoso.Crm", "Other"));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Type("Contoso.Crm.Deal").GetTypeMembers("Views"));
        Assert.Empty(run.Type("Contoso.Crm.Other").GetTypeMembers("Views"));
    }

    [Theory]
    [InlineData("\"views\": 5", "'views' is a number, not an array")]
    [InlineData("\"views\": [ 3 ]", "it is a number, not an object")]
    [InlineData("\"views\": [ { \"name\": \"No id\" } ]", "view 'No id' has no 'id'")]
    [InlineData("\"views\": [ { \"id\": \"abc\", \"name\": \"Text id\" } ]", "view 'Text id' has an 'id' that is not")]
    [InlineData("\"views\": [ { \"id\": -4, \"name\": \"Negative\" } ]", "view 'Negative' has an 'id' that is not")]
    [InlineData("\"views\": [ { \"id\": 99999999999, \"name\": \"Huge\" } ]", "view 'Huge' has an 'id' that is not")]
    [InlineData("\"views\": [ { \"id\": 7, \"name\": \"First\" }, { \"id\": 7, \"name\": \"Again\" } ]", "view id 7 appears more than once")]
    public void WKM0013_a_view_that_cannot_be_read_is_reported_where_it_is_and_skipped(string views, string message)
    {
        string text = Snapshots.ListWith("Deals", "deals", views, Snapshots.Field(1, "Name", 0), Snapshots.Field(2, "Amount", 1));
        var run = GeneratorHarness.Run(new SnapshotFile("/s/bad.json", text, "Contoso.Crm", "Deal"));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "WKM0013");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("/s/bad.json", diagnostic.Location.GetLineSpan().Path);
        int start = diagnostic.Location.SourceSpan.Start;
        Assert.True(start > text.IndexOf("\"views\"", StringComparison.Ordinal), "the diagnostic points into 'views'");
        Assert.Empty(run.CompilationDiagnostics());

        // The list and its fields are generated; only the bad view is missing.
        var deal = run.Type("Contoso.Crm.Deal");
        Assert.NotEmpty(deal.GetMembers("Amount"));
        var viewsClass = deal.GetTypeMembers("Views").SingleOrDefault();
        Assert.True(viewsClass is null || viewsClass.GetMembers().OfType<IPropertySymbol>().All(p => p.Name == "First"));
    }
}
