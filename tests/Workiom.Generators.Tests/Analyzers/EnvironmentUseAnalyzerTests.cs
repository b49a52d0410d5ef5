using Microsoft.CodeAnalysis;
using Xunit;

namespace Workiom.Generators.Tests.Analyzers;

public sealed class EnvironmentUseAnalyzerTests
{
    private const string CodePath = "/src/Use.cs";

    private static MarkedFile Primary(string amount = "\"Amount\"", string won = "\"Won\"", string closed = "\"Closed\"") => new("/src/schemas/things.json", """
        { "id": "things", "name": "Things", "fields": [
            { "id": 1, "name": 
        """ + amount + """
        , "dataType": 1 },
            { "id": 2, "name": "Stage", "dataType": 4, "staticListValues": [ { "id": "w", "label": 
        """ + won + """
         }, { "id": "l", "label": "Lost" } ] },
            { "id": 3, "name": "Name", "dataType": 0, "isPrimary": true } ],
          "views": [ { "id": 7, "name": "Open" }, { "id": 8, "name": 
        """ + closed + """
         } ] }
        """, MarkedFile.Snapshot);

    private static MarkedFile Staging(string environment = "staging") => new("/src/schemas/" + environment + "/things.json", """
        { "id": "things-staging", "name": "Things", "fields": [
            { "id": 101, "name": "Value", "dataType": 1 },
            { "id": 102, "name": "Stage", "dataType": 4, "staticListValues": [ { "id": "sl", "label": "Lost" } ] },
            { "id": 103, "name": "Name", "dataType": 0, "isPrimary": true } ],
          "views": [ { "id": 107, "name": "Open" } ] }
        """, MarkedFile.Snapshot, environment);

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

    [Fact]
    public async Task Every_use_of_a_member_without_a_match_in_an_environment_is_a_warning_at_that_use()
    {
        await AnalyzerMarkup.VerifyAsync("WKM2008", new[]
        {
            Primary("{|WKM0014:\"Amount\"|}", "{|WKM0014:\"Won\"|}", "{|WKM0014:\"Closed\"|}"),
            Staging(),
            Code("""
                    var created = new Thing { [|Amount|] = 5m, Name = "matched" };
                    decimal? amount = thing.[|Amount|];
                    object id = Thing.Fields.[|Amount|];
                    var won = Thing.StageOption.[|Won|];
                    var lost = Thing.StageOption.Lost;
                    var query = Thing.Query().Where(f => f.[|Amount|] > 3m);
                    var closed = Thing.Views.[|Closed|];
                    var open = Thing.Views.Open;
            """),
        });
    }

    [Fact]
    public async Task A_member_the_map_marks_as_missing_still_warns_at_each_use_and_each_environment_is_named()
    {
        var map = new MarkedFile("/src/schemas/staging/workiom-map.json",
            """{ "lists": { "things": { "fields": { "1": null } } } }""", MarkedFile.Snapshot, "staging");
        var diagnostics = await AnalyzerMarkup.RunAsync(new[] { Primary(), Staging(), map, Staging("prod"), Code("        decimal? amount = thing.Amount;") });

        var uses = diagnostics.Where(d => d.Id == "WKM2008").Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(2, uses.Count);
        Assert.Contains("Field Thing.Amount (1) has no match in environment 'prod'", uses[0], StringComparison.Ordinal);
        Assert.Contains("Field Thing.Amount (1) has no match in environment 'staging'", uses[1], StringComparison.Ordinal);
        Assert.Contains(diagnostics, d => d.Id == "WKM0015" && d.GetMessage().Contains("'staging'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "WKM0014" && d.GetMessage().Contains("Field 'Amount'", StringComparison.Ordinal) && d.GetMessage().Contains("'prod'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_environments_nothing_is_reported()
    {
        var diagnostics = await AnalyzerMarkup.RunAsync(new[] { Primary(), Code("        decimal? amount = thing.Amount;") });

        Assert.DoesNotContain(diagnostics, d => d.Id is "WKM2008" or "WKM0014");
    }
}
