using System.Globalization;
using Microsoft.CodeAnalysis;
using Workiom.Staleness;
using Xunit;

namespace Workiom.Generators.Tests.Analyzers;

public sealed class StaleSchemaAnalyzerTests
{
    private const string ThingsPath = "/src/schemas/things.json";
    private const string ReportPath = "/src/obj/workiom-drift.json";
    private const string CodePath = "/src/Use.cs";

    private static readonly string[] ThingFields =
    {
        Snapshots.Field(1, "Amount", 1),
        Snapshots.Field(2, "Stage", 4, "\"staticListValues\": [ { \"id\": \"w\", \"label\": \"Won\" }, { \"id\": \"l\", \"label\": \"Lost\" } ]"),
        Snapshots.Field(3, "Name", 0, "\"isPrimary\": true"),
        Snapshots.Field(4, "Gone", 0, "\"isDeleted\": true"),
    };

    private static MarkedFile Things(string? extra = null) =>
        new(ThingsPath, Snapshots.ListWith("Things", "things", extra, ThingFields), MarkedFile.Snapshot);

    private static MarkedFile Report(params string[] changes) =>
        new(ReportPath, "{ \"format\": 1, \"exitCode\": 2, \"changes\": [ " + string.Join(", ", changes) + " ] }", MarkedFile.DriftReport);

    private static string Change(string kind, int fieldId, string description, string? optionId = null) =>
        "{ \"kind\": \"" + kind + "\", \"severity\": \"breaking\", \"fieldId\": " + fieldId.ToString(CultureInfo.InvariantCulture) +
        (optionId is null ? string.Empty : ", \"optionId\": \"" + optionId + "\"") + ", \"description\": \"" + description + "\" }";

    private static MarkedFile Code(string body) => new(CodePath, """
        using Contoso.Crm;
        internal static class Use
        {
            public static object Run(Thing thing)
            {
        """ + "\n" + body + """

                return thing;
            }
        }
        """);

    private static readonly MarkedFile[] DriftReport =
    {
        Report(
            Change("fieldRetyped", 1, "field 'Amount' (1) changed type from Number to Text"),
            Change("optionRemoved", 2, "option 'Lost' (l) of field 'Stage' (2) was removed", "l"),
            Change("fieldRenamed", 3, "field 3 was renamed")),
    };

    [Fact]
    public async Task Every_use_of_a_field_changed_on_the_server_is_a_warning_at_that_line()
    {
        await AnalyzerMarkup.VerifyAsync("WKM2006", DriftReport.Append(Things()).Append(Code("""
                    var created = new Thing { [|Amount|] = 5m, Name = "renamed is safe" };
                    decimal? amount = thing.[|Amount|];
                    object id = Thing.Fields.[|Amount|];
                    var lost = Thing.StageOption.[|Lost|];
                    var won = Thing.StageOption.Won;
                    var query = Thing.Query().Where(f => f.[|Amount|] > 3m);
                    thing.Stage = Thing.StageOption.[|Lost|];
            """)));
    }

    private const string ThingViews = "\"views\": [ { \"id\": 7, \"name\": \"Open\" }, { \"id\": 8, \"name\": \"Closed\" } ]";

    private static string ViewRemoved(string listId, int viewId, string description) =>
        "{ \"kind\": \"viewRemoved\", \"severity\": \"breaking\", \"listId\": \"" + listId + "\", \"viewId\": " +
        viewId.ToString(CultureInfo.InvariantCulture) + ", \"description\": \"" + description + "\" }";

    [Fact]
    public async Task Every_use_of_a_view_removed_on_the_server_is_a_warning_at_that_line()
    {
        var report = Report(
            ViewRemoved("things", 8, "view 'Closed' (8) was removed"),
            ViewRemoved("other-list", 7, "a view of another list with the same id was removed"));
        await AnalyzerMarkup.VerifyAsync("WKM2006", new[] { report, Things(ThingViews), Code("""
                    var closed = Thing.Views.[|Closed|];
                    var open = Thing.Views.Open;
                    var query = Thing.Query().InView(Thing.Views.[|Closed|]).Where(f => f.Amount > 3m);
                    var again = Thing.Query().InView(Thing.Views.Open);
            """) });
    }

    [Fact]
    public async Task The_message_names_the_removed_view()
    {
        var report = Report(ViewRemoved("things", 8, "view 'Closed' (8) was removed"));
        var diagnostics = await AnalyzerMarkup.RunAsync(new[] { report, Things(ThingViews), Code("var closed = Thing.Views.Closed;") });

        var drift = Assert.Single(diagnostics, d => d.Id == "WKM2006");
        Assert.Equal("View Thing.Views.Closed (8) changed on the server: view 'Closed' (8) was removed", drift.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_view_change_without_a_usable_list_or_view_id_is_ignored()
    {
        var report = Report(
            "{ \"kind\": \"viewRemoved\", \"viewId\": 8 }",
            "{ \"kind\": \"viewRemoved\", \"listId\": \"things\", \"viewId\": \"8\" }",
            "{ \"kind\": \"viewRemoved\", \"listId\": 5, \"viewId\": 8 }");
        var diagnostics = await AnalyzerMarkup.RunAsync(new[] { report, Things(ThingViews), Code("var closed = Thing.Views.Closed;") });

        Assert.DoesNotContain(diagnostics, d => d.Id == "WKM2006");
    }

    [Fact]
    public async Task The_message_says_what_changed_on_the_server()
    {
        var diagnostics = await AnalyzerMarkup.RunAsync(DriftReport.Append(Things()).Append(Code("var amount = thing.Amount;")));

        var drift = Assert.Single(diagnostics, d => d.Id == "WKM2006");
        Assert.Equal("Field Thing.Amount (1) changed on the server: field 'Amount' (1) changed type from Number to Text", drift.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Warning, drift.DefaultSeverity);
        Assert.EndsWith("docs/diagnostics/WKM2006.md", drift.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_drift_report_the_same_code_has_no_warning()
    {
        await AnalyzerMarkup.VerifyAsync("WKM2006", new[] { Things(), Code("var amount = thing.Amount; var lost = Thing.StageOption.Lost;") });
    }

    [Fact]
    public async Task Drift_warnings_can_be_suppressed_by_pragma_and_by_editorconfig()
    {
        await AnalyzerMarkup.VerifyAsync("WKM2006", DriftReport.Append(Things()).Append(Code("""
            #pragma warning disable WKM2006
                    var hidden = thing.Amount;
            #pragma warning restore WKM2006
                    var shown = thing.[|Amount|];
            """)));

        await AnalyzerMarkup.VerifyAsync("WKM2006", DriftReport.Append(Things()).Append(Code("var amount = thing.Amount;")),
            editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.WKM2006.severity = none\n");
    }

    [Fact]
    public async Task Each_use_of_a_field_marked_deleted_is_reported_and_can_be_suppressed()
    {
        // The compiler reports these (the members carry [Obsolete] with the WKM id), at the whole member access.
        await AnalyzerMarkup.VerifyAsync("WKM2004", new[]
        {
            Things(),
            Code("""
                    string? gone = [|thing.Gone|];
                    object id = [|Thing.Fields.Gone|];
            #pragma warning disable WKM2004
                    thing.Gone = "suppressed";
            #pragma warning restore WKM2004
            """),
        });

        await AnalyzerMarkup.VerifyAsync("WKM2004", new[] { Things(), Code("string? gone = thing.Gone;") },
            editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.WKM2004.severity = none\n");
    }

    [Fact]
    public async Task A_link_to_a_list_without_a_snapshot_is_reported_at_its_target()
    {
        string Link(string target) => Snapshots.List("Orders", "orders", Snapshots.Field(10, "Thing", 5, "\"linkedListId\": " + target));

        await AnalyzerMarkup.VerifyAsync("WKM2005", new[] { new MarkedFile("/src/schemas/orders.json", Link("[|\"elsewhere\"|]"), MarkedFile.Snapshot) });
        await AnalyzerMarkup.VerifyAsync("WKM2005", new[] { new MarkedFile("/src/schemas/orders.json", Link("\"things\""), MarkedFile.Snapshot), Things() });
        await AnalyzerMarkup.VerifyAsync("WKM2005", new[] { new MarkedFile("/src/schemas/orders.json", Link("\"elsewhere\""), MarkedFile.Snapshot) },
            editorConfig: "is_global = true\ndotnet_diagnostic.WKM2005.severity = none\n");
    }

    [Fact]
    public async Task A_link_field_the_generator_skips_gets_its_own_diagnostic_only()
    {
        // Each field links to a list that is not in the build, but none of them is generated: only the
        // reason it is skipped is reported, never WKM2005 about a field that does not exist.
        string text = Snapshots.List("Orders", "orders",
            "{ \"id\": {|WKM0005:\"abc\"|}, \"name\": \"Bad id\", \"dataType\": 5, \"linkedListId\": \"elsewhere\" }",
            "{ \"id\": {|WKM0005:-3|}, \"name\": \"Negative id\", \"dataType\": 5, \"linkedListId\": \"elsewhere\" }",
            "{|WKM0005:{ \"name\": \"No id\", \"dataType\": 5, \"linkedListId\": \"elsewhere\" }|}",
            "{|WKM0009:{ \"id\": 7, \"name\": \"No type\", \"linkedListId\": \"elsewhere\" }|}",
            Snapshots.Field(8, "Kept", 5, "\"linkedListId\": [|\"elsewhere\"|]"),
            "{ \"id\": {|WKM0004:8|}, \"name\": \"Repeated id\", \"dataType\": 5, \"linkedListId\": \"elsewhere-too\" }");

        await AnalyzerMarkup.VerifyAsync("WKM2005", new[] { new MarkedFile("/src/schemas/orders.json", text, MarkedFile.Snapshot) });
    }

    [Fact]
    public async Task Two_snapshots_of_the_same_list_are_an_error()
    {
        await AnalyzerMarkup.VerifyAsync("WKM0010", new[]
        {
            Things(),
            new MarkedFile("/src/schemas/z-things-copy.json", "[||]" + Snapshots.ListWith("Things", "things", "\"$csharp\": { \"typeName\": \"Other\" }", ThingFields), MarkedFile.Snapshot),
        });
    }

    [Fact]
    public async Task A_snapshot_older_than_the_allowed_age_is_reported_at_its_pull_time()
    {
        string pulled = DateTimeOffset.UtcNow.AddDays(-45).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        await AnalyzerMarkup.VerifyAsync("WKM2001", new[] { Pulled("[|\"" + pulled + "\"|]") });
        await AnalyzerMarkup.VerifyAsync("WKM2001", new[] { Pulled("\"" + pulled + "\"") }, new Dictionary<string, string> { ["build_property.WorkiomSchemaMaxAgeDays"] = "60" });
        await AnalyzerMarkup.VerifyAsync("WKM2001", new[] { Pulled("\"" + pulled + "\"") }, new Dictionary<string, string> { ["build_property.WorkiomSchemaMaxAgeDays"] = "0" });
        await AnalyzerMarkup.VerifyAsync("WKM2001", new[] { Pulled("\"" + DateTimeOffset.UtcNow.AddDays(-2).ToString("O", CultureInfo.InvariantCulture) + "\"") });
    }

    [Fact]
    public async Task A_snapshot_edited_after_the_pull_is_reported_at_its_hash()
    {
        string hash = SnapshotHash.Compute(ThingsList(ThingFields));

        await AnalyzerMarkup.VerifyAsync("WKM2002", new[] { Pulled(hash: "\"" + hash + "\"") });
        await AnalyzerMarkup.VerifyAsync("WKM2002", new[] { Pulled(hash: "\"" + hash + "\"", fields: ThingFields.Append(Snapshots.Field(9, "Added by hand", 0)).ToArray()) with
        {
            Markup = Pulled(hash: "[|\"" + hash + "\"|]", fields: ThingFields.Append(Snapshots.Field(9, "Added by hand", 0)).ToArray()).Markup,
        } });
    }

    [Fact]
    public async Task A_snapshot_from_an_older_tool_or_format_is_reported()
    {
        await AnalyzerMarkup.VerifyAsync("WKM2003", new[] { Pulled(tool: "[|\"workiom/0.0.9\"|]") });
        await AnalyzerMarkup.VerifyAsync("WKM2003", new[] { Pulled(format: "[|0|]") });
        await AnalyzerMarkup.VerifyAsync("WKM2003", new[] { Pulled(tool: "\"" + SnapshotVersions.Tool + "\"") });
    }

    private const string CompleteRequest = "{ \"expand\": [\"Fields\", \"Views\", \"Filters\"], \"includeSystemFields\": true }";

    [Fact]
    public async Task A_snapshot_pulled_without_system_fields_views_or_filters_is_reported_at_its_header()
    {
        // A header without the request record: reported at the whole $snapshot header.
        string old = Pulled(request: null).Markup;
        int headerStart = old.IndexOf("{ \"source\"", StringComparison.Ordinal);
        int headerEnd = old.IndexOf(" },\n  \"result\"", StringComparison.Ordinal) + 2;
        await AnalyzerMarkup.VerifyAsync("WKM2007", new[] { new MarkedFile(ThingsPath, old.Substring(0, headerStart) + "[|" + old.Substring(headerStart, headerEnd - headerStart) + "|]" + old.Substring(headerEnd), MarkedFile.Snapshot) });

        // A recorded request that left something out: reported at the request.
        await AnalyzerMarkup.VerifyAsync("WKM2007", new[] { Pulled(request: "[|{ \"expand\": [\"Fields\"], \"includeSystemFields\": true }|]") });
        await AnalyzerMarkup.VerifyAsync("WKM2007", new[] { Pulled(request: "[|{ \"expand\": [\"Fields\", \"Views\", \"Filters\"], \"includeSystemFields\": false }|]") });
        await AnalyzerMarkup.VerifyAsync("WKM2007", new[] { Pulled(request: "[|{ \"expand\": [\"Fields\", \"Views\", \"Filters\"] }|]") });

        // A complete pull, and a hand-written snapshot without a header, are not reported.
        await AnalyzerMarkup.VerifyAsync("WKM2007", new[] { Pulled() });
        await AnalyzerMarkup.VerifyAsync("WKM2007", new[] { new MarkedFile(ThingsPath, "{ \"result\": " + ThingsList(ThingFields) + " }", MarkedFile.Snapshot) });
    }

    [Fact]
    public async Task The_missing_request_warning_says_what_was_missing_and_how_to_re_pull()
    {
        var diagnostics = await AnalyzerMarkup.RunAsync(new[] { Pulled(request: "{ \"expand\": [\"Fields\"] }") });

        var warning = Assert.Single(diagnostics, d => d.Id == "WKM2007");
        string message = warning.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("includeSystemFields=true, expand=Views, expand=Filters", message, StringComparison.Ordinal);
        Assert.Contains("'workiom schema pull --list things'", message, StringComparison.Ordinal);
    }

    private static string ThingsList(string[] fields) =>
        "{\n    \"id\": \"things\",\n    \"name\": \"Things\",\n    \"fields\": [\n      " + string.Join(",\n      ", fields) + "\n    ]\n  }";

    /// <summary>A snapshot as 'workiom schema pull' writes it; each header value is given as JSON (with markup).</summary>
    private static MarkedFile Pulled(string? pulledAt = null, string? hash = null, string? tool = null, string? format = null, string[]? fields = null, string? request = CompleteRequest)
    {
        pulledAt ??= "\"" + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\"";
        hash ??= "\"" + SnapshotHash.Compute(ThingsList(fields ?? ThingFields)) + "\"";
        tool ??= "\"" + SnapshotVersions.Tool + "\"";
        format ??= SnapshotVersions.Format.ToString(CultureInfo.InvariantCulture);
        string text = "{\n  \"$snapshot\": { \"source\": \"https://api.workiom.com\", \"listId\": \"things\", "
            + (request is null ? "" : "\"request\": " + request + ", ") + "\"pulledAt\": " + pulledAt +
            ", \"hash\": " + hash + ", \"tool\": " + tool + ", \"format\": " + format + " },\n  \"result\": " + ThingsList(fields ?? ThingFields) + "\n}\n";
        return new MarkedFile(ThingsPath, text, MarkedFile.Snapshot);
    }
}
