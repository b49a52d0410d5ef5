using System.Text.Json;
using Spectre.Console;
using Workiom.Http;

namespace Workiom.Cli.Verify;

/// <summary>'workiom verify': proves on a real list that what the client writes, reads and queries round-trips.</summary>
public static class VerifyCommand
{
    /// <summary>Exit code when a shape did not round-trip, or the run could not finish (cancelled, or the record could not be created).</summary>
    public const int FailedExitCode = 4;

    /// <summary>Exit code when verify refused to write: the list's name does not say it is a scratch list and --yes was not given.</summary>
    public const int RefusedExitCode = 5;

    /// <summary>The word a list's name must contain (in any case) for verify to write to it without --yes.</summary>
    public const string ScratchWord = "scratch";

    public const string Description =
        "Prove the client on a list of your tenant: create a record with a value in every writable field, read it back, update each field, "
        + "append a file, replace the record, query it with every operator, then delete it. Writes only to a list whose name contains '"
        + ScratchWord + "' (any case), or to any list with --yes. Exit 0 when every shape round-tripped, "
        + "4 when one did not, 5 when it refused to write, 3 on bad input or an unreachable Workiom.";

    /// <summary>True when the list's name says it is a scratch list: it contains "scratch" in any case.</summary>
    public static bool IsScratchName(string? name) =>
        name is not null && name.Contains(ScratchWord, StringComparison.OrdinalIgnoreCase);

    internal static async Task<int> RunAsync(
        WorkiomApi api, string apiKey, IAnsiConsole console, string listId, bool yes, string? jsonPath, CancellationToken cancellationToken)
    {
        var list = await api.GetListAsync(listId, cancellationToken);
        string? name = list.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (!yes && !IsScratchName(name))
        {
            console.MarkupLineInterpolated(
                $"[red]refused:[/] list {listId} ('{name ?? string.Empty}') is not named as a scratch list. verify creates, changes and deletes a record in it; name the list with '{ScratchWord}' in it, or pass --yes to write to it anyway.");
            return RefusedExitCode;
        }

        using var client = new WorkiomClient(new WorkiomClientOptions { BaseUrl = api.BaseUrl.ToString(), ApiKey = apiKey });
        var runner = new VerifyRunner(api, client, listId, message => console.MarkupLineInterpolated($"[grey]{message}[/]"));
        console.MarkupLineInterpolated($"Verifying list '{name ?? listId}' ({listId}) at {WorkiomApi.Origin(api.BaseUrl)}.");
        await runner.RunAsync(list, cancellationToken);

        var checks = runner.Checks;
        int failed = checks.Count(c => c.Outcome == VerifyOutcome.Fail);
        int passed = checks.Count(c => c.Outcome == VerifyOutcome.Pass);
        int notTested = checks.Count(c => c.Outcome == VerifyOutcome.NotTested);
        bool finished = !runner.Cancelled && runner.RecordId is not null && runner.RecordDeleted;
        int exit = failed == 0 && finished ? 0 : FailedExitCode;

        WriteTable(console, checks);
        if (jsonPath is not null)
        {
            var report = new VerifyReport(
                WorkiomApi.Origin(api.BaseUrl), listId, name, runner.RecordId, runner.Cancelled, runner.RecordDeleted, runner.Cleanup,
                exit, passed, failed, notTested, checks);
            string? folder = Path.GetDirectoryName(jsonPath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, CliApp.ReportJson) + "\n", CancellationToken.None);
        }

        foreach (var worked in checks.Where(c => c.Outcome == VerifyOutcome.Pass && c.Variant is not null && c.Note?.Contains("this shape worked", StringComparison.Ordinal) == true))
        {
            console.MarkupLineInterpolated($"[yellow]{worked.Field}:[/] the client's default write shape was not stored; {worked.Variant} was. Set WorkiomWriteShapes accordingly.");
        }

        if (runner.Cancelled)
        {
            console.MarkupLine("[red]Cancelled.[/]");
        }

        if (runner.Cleanup is not null && runner.RecordDeleted)
        {
            console.MarkupLineInterpolated($"{runner.Cleanup}");
        }
        else if (runner.Cleanup is not null)
        {
            console.MarkupLineInterpolated($"[red]{runner.Cleanup}[/]");
        }

        console.MarkupLineInterpolated($"{passed} passed, {failed} failed, {notTested} not tested.");
        console.MarkupLine(exit == 0 ? "[green]Every shape round-tripped.[/]" : "[red]Not every shape round-tripped.[/]");
        return exit;
    }

    private static void WriteTable(IAnsiConsole console, IReadOnlyList<VerifyCheck> checks)
    {
        var table = new Table()
            .AddColumn("Step").AddColumn("Field").AddColumn("Type").AddColumn("Operator / shape")
            .AddColumn("Sent").AddColumn("Returned").AddColumn("Expected").AddColumn("Result");
        foreach (var check in checks)
        {
            string result = check.Outcome switch
            {
                VerifyOutcome.Pass => "[green]pass[/]",
                VerifyOutcome.Fail => "[red]FAIL[/]",
                _ => "[grey]not tested[/]",
            };
            if (check.Note is not null)
            {
                result += " " + Markup.Escape(Cut(check.Note, 160));
            }

            table.AddRow(
                Markup.Escape(check.Step),
                Markup.Escape(Cut(check.Field, 60)),
                Markup.Escape(check.DataType),
                Markup.Escape(check.Operator ?? check.Variant ?? string.Empty),
                Markup.Escape(Cut(check.Sent, 120)),
                Markup.Escape(Cut(check.Returned, 120)),
                Markup.Escape(Cut(check.Expected, 120)),
                result);
        }

        console.Write(table);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
