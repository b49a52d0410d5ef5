using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;
using Workiom.Cli.Verify;
using Workiom.Emulator.Faults;
using Workiom.Queries;

namespace Workiom.Cli.Tests;

/// <summary>
/// 'workiom verify' on the emulator's list with every data type (0-22), and, when WORKIOM_LIVE_API_KEY and
/// WORKIOM_LIVE_LIST are set, on a real tenant's scratch list.
/// </summary>
public sealed class VerifyTests
{
    private const string ScratchListId = "7e3c0f52-9a41-4c2e-b7d5-0a9f3c6e1d20";
    private const string Schema = "verify-scratch.json";

    [Fact]
    public async Task Every_data_type_round_trips_on_the_emulator()
    {
        await using var cli = await CliHarness.StartAsync(Schema);
        await SeedAsync(cli);

        var (exitCode, output) = await cli.RunAsync("verify", "--list", ScratchListId, "--json", "report.json");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Every shape round-tripped.", output, StringComparison.Ordinal);
        Assert.Equal(1, await cli.Emulator.CountRecordsAsync(ScratchListId));
        var report = Report(cli);
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.True(report.GetProperty("recordDeleted").GetBoolean());
        var checks = report.GetProperty("checks").EnumerateArray().ToList();

        // Every data type 0-22 is in the list and in the report.
        var types = checks.Select(c => c.GetProperty("dataType").GetString()!).Where(t => t.Length > 0).Select(t => int.Parse(t.Split(' ')[0])).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 23), types.Order());

        // Every writable field was created and read back, link and dependency included.
        var snapshot = JsonDocument.Parse(File.ReadAllText(Path.Combine(CliHarness.SourceSchemas, Schema))).RootElement.GetProperty("result");
        var writable = snapshot.GetProperty("fields").EnumerateArray()
            .Where(f => !f.GetProperty("isComputed").GetBoolean() && f.GetProperty("systemFieldType").GetInt32() == 0 && f.GetProperty("dataType").GetInt32() is not (10 or 12 or 14))
            .Select(f => (Id: f.GetProperty("id").GetInt32(), Type: (WorkiomDataType)f.GetProperty("dataType").GetInt32(), Required: f.GetProperty("isRequired").GetBoolean()))
            .ToList();
        Assert.Equal(21, writable.Count);
        foreach (var (id, type, required) in writable)
        {
            Assert.Contains(checks, c => Is(c, "create", id) && Outcome(c) == "pass");
            Assert.Contains(checks, c => Is(c, "replace", id) && Outcome(c) == "pass");

            // Each operator the client offers for the type matched the record and, but for the emptiness
            // tests (which also run on the cleared record), missed it once.
            foreach (var op in WorkiomOperators.For(type))
            {
                if (required && op is WorkiomFilterOperator.IsEmpty or WorkiomFilterOperator.IsNotEmpty)
                {
                    // A required field is not cleared, so only its filled half runs.
                    continue;
                }

                var runs = checks.Where(c => (Is(c, "query", id) || Is(c, "query empty", id)) && c.GetProperty("operator").GetString() == op.ToString()).ToList();
                Assert.True(runs.Count(c => Outcome(c) == "pass" && c.GetProperty("expected").GetString() == "the record") >= 1, id + " " + op + " never matched");
                Assert.True(runs.Count(c => Outcome(c) == "pass" && c.GetProperty("expected").GetString() == "no record") >= 1, id + " " + op + " never missed");
            }
        }

        // Read-only numbers (Rollup, Count, AutoNumber) are queried with the values Workiom computed.
        foreach (int readOnly in new[] { 7100012, 7100014, 7100016 })
        {
            Assert.Contains(checks, c => Is(c, "query", readOnly) && c.GetProperty("operator").GetString() == "Between" && Outcome(c) == "pass");
        }

        // The file was appended with the first item sent back as read, and every disputed shape names its variant.
        Assert.Contains(checks, c => Is(c, "append file", 7100011) && Outcome(c) == "pass");
        foreach (int disputed in new[] { 7100006, 7100007, 7100008, 7100018, 7100019, 7100020 })
        {
            Assert.Contains(checks, c => Is(c, "create", disputed) && c.TryGetProperty("variant", out var v) && v.GetString()!.Contains('=', StringComparison.Ordinal));
        }

        Assert.DoesNotContain(cli.Emulator.ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.Emulator.ApiKey, File.ReadAllText(Path.Combine(cli.Folder, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_field_without_a_record_to_link_to_is_reported_not_tested()
    {
        await using var cli = await CliHarness.StartAsync(Schema);

        var (exitCode, output) = await cli.RunAsync("verify", "--list", ScratchListId, "--json", "report.json");

        Assert.True(exitCode == 0, output);
        var checks = Report(cli).GetProperty("checks").EnumerateArray().ToList();
        var link = Assert.Single(checks, c => Is(c, "plan", 7100007));
        Assert.Equal("notTested", link.GetProperty("outcome").GetString());
        Assert.Contains("no record to link to", link.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await cli.Emulator.CountRecordsAsync(ScratchListId));
    }

    [Fact]
    public async Task A_list_not_named_as_scratch_is_refused_unless_yes_is_given()
    {
        await using var cli = await CliHarness.StartAsync(Schema);

        var (exitCode, output) = await cli.RunAsync("verify", "--list", CliHarness.DealsListId);

        Assert.Equal(VerifyCommand.RefusedExitCode, exitCode);
        Assert.Contains("not named as a scratch list", output, StringComparison.Ordinal);
        Assert.Equal(0, await cli.Emulator.CountRecordsAsync(CliHarness.DealsListId));

        // Not named as scratch, so only --yes lets verify write; it still leaves nothing behind.
        var forced = await cli.RunAsync("verify", "--list", CliHarness.DealsListId, "--yes");
        Assert.NotEqual(VerifyCommand.RefusedExitCode, forced.ExitCode);
        Assert.Contains("was deleted", forced.Output, StringComparison.Ordinal);
        Assert.Equal(0, await cli.Emulator.CountRecordsAsync(CliHarness.DealsListId));
    }

    [Theory]
    [InlineData("Verify SCRATCH", true)]
    [InlineData("scratchpad", true)]
    [InlineData("Deals", false)]
    [InlineData("Scrat ch", false)]
    public void A_scratch_list_is_one_whose_name_contains_scratch_in_any_case(string name, bool scratch) =>
        Assert.Equal(scratch, VerifyCommand.IsScratchName(name));

    [Fact]
    public async Task Verify_without_a_list_is_bad_input()
    {
        await using var cli = await CliHarness.StartAsync(Schema);

        var (exitCode, output) = await cli.RunAsync("verify");

        Assert.True(exitCode == CliApp.ErrorExitCode, output);
        Assert.Contains("--list", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_list_is_bad_input()
    {
        await using var cli = await CliHarness.StartAsync(Schema);

        var (exitCode, output) = await cli.RunAsync("verify", "--list", "no-such-list");

        Assert.True(exitCode == CliApp.ErrorExitCode, output);
    }

    [Fact]
    public async Task A_refused_write_fails_the_run_and_the_record_is_still_deleted()
    {
        await using var cli = await CliHarness.StartAsync(Schema);
        await SeedAsync(cli);
        cli.Emulator.Faults.Enqueue(new EmulatorFault("Data/Update", FaultKind.UnsuccessfulReply));

        var (exitCode, output) = await cli.RunAsync("verify", "--list", ScratchListId, "--json", "report.json");

        Assert.True(exitCode == VerifyCommand.FailedExitCode, output);
        Assert.Contains("injected fault", output, StringComparison.Ordinal);
        Assert.Contains("Not every shape round-tripped.", output, StringComparison.Ordinal);
        var report = Report(cli);
        Assert.True(report.GetProperty("failed").GetInt32() > 0);
        Assert.True(report.GetProperty("recordDeleted").GetBoolean());
        Assert.Equal(1, await cli.Emulator.CountRecordsAsync(ScratchListId));
    }

    [Fact]
    public async Task A_failure_that_stops_the_run_still_deletes_the_record()
    {
        await using var cli = await CliHarness.StartAsync(Schema);
        await SeedAsync(cli);

        // The first read-back after the create fails: verify cannot go on, but cleans up.
        cli.Emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.UnsuccessfulReply));

        var (exitCode, output) = await cli.RunAsync("verify", "--list", ScratchListId);

        Assert.True(exitCode == VerifyCommand.FailedExitCode, output);
        Assert.Contains("verify could not go on", output, StringComparison.Ordinal);
        Assert.Contains("was deleted after the failure", output, StringComparison.Ordinal);
        Assert.Equal(1, await cli.Emulator.CountRecordsAsync(ScratchListId));
    }

    [Fact]
    public async Task A_refused_create_is_retried_with_the_required_fields_and_each_other_field_written_alone()
    {
        await using var cli = await CliHarness.StartAsync(Schema);
        await SeedAsync(cli);
        cli.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.UnsuccessfulReply));

        var (exitCode, output) = await cli.RunAsync("verify", "--list", ScratchListId, "--json", "report.json");

        // The refused create fails the run; every field still gets its own verdict.
        Assert.True(exitCode == VerifyCommand.FailedExitCode, output);
        var checks = Report(cli).GetProperty("checks").EnumerateArray().ToList();
        var failed = Assert.Single(checks, c => Outcome(c) == "fail");
        Assert.Contains("injected fault", failed.GetProperty("returned").GetString(), StringComparison.Ordinal);
        Assert.Contains(checks, c => Is(c, "create", 7100001) && Outcome(c) == "pass");
        Assert.Contains(checks, c => Is(c, "create", 7100022) && Outcome(c) == "pass"
            && c.GetProperty("note").GetString()!.Contains("written alone", StringComparison.Ordinal));
        Assert.Contains(checks, c => Is(c, "create", 7100006) && Outcome(c) == "pass"
            && c.GetProperty("variant").GetString() == "StaticSelect=IdAndLabel");
        Assert.Equal(1, await cli.Emulator.CountRecordsAsync(ScratchListId));
    }

    [Fact]
    public async Task A_failed_create_leaves_no_record_and_fails()
    {
        await using var cli = await CliHarness.StartAsync(Schema);
        cli.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.UnsuccessfulReply, times: 2));

        var (exitCode, output) = await cli.RunAsync("verify", "--list", ScratchListId);

        Assert.True(exitCode == VerifyCommand.FailedExitCode, output);
        Assert.Equal(0, await cli.Emulator.CountRecordsAsync(ScratchListId));
    }

    [Fact]
    public async Task A_cancelled_run_deletes_its_record_and_says_so()
    {
        await using var cli = await CliHarness.StartAsync(Schema);
        await SeedAsync(cli);

        // The replace hangs until the run is cancelled; the record exists by then.
        cli.Emulator.Faults.Enqueue(new EmulatorFault("Data/Update", FaultKind.SlowReply, delay: TimeSpan.FromMinutes(10)));
        using var cancellation = new CancellationTokenSource();
        var run = cli.RunAsync(["verify", "--list", ScratchListId], cancellation.Token);
        while (cli.Emulator.Faults.Fired == 0 && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        cancellation.Cancel();
        var (exitCode, output) = await run;

        Assert.True(exitCode == VerifyCommand.FailedExitCode, output);
        Assert.Contains("Cancelled.", output, StringComparison.Ordinal);
        Assert.Contains("was deleted after the cancellation", output, StringComparison.Ordinal);
        Assert.Equal(1, await cli.Emulator.CountRecordsAsync(ScratchListId));
    }

    [Fact]
    public async Task A_failed_clean_up_names_the_record_to_delete_by_hand()
    {
        await using var cli = await CliHarness.StartAsync(Schema);
        await SeedAsync(cli);
        cli.Emulator.Faults.Enqueue(new EmulatorFault("Data/Update", FaultKind.UnsuccessfulReply));
        cli.Emulator.Faults.Enqueue(new EmulatorFault("Data/Delete", FaultKind.UnsuccessfulReply, times: 2));

        var (exitCode, output) = await cli.RunAsync("verify", "--list", ScratchListId, "--json", "report.json");

        Assert.True(exitCode == VerifyCommand.FailedExitCode, output);
        string recordId = Report(cli).GetProperty("recordId").GetString()!;
        Assert.Contains("Delete record " + recordId + " of list " + ScratchListId + " by hand", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[red]", output, StringComparison.Ordinal);
        Assert.Equal(2, await cli.Emulator.CountRecordsAsync(ScratchListId));
    }

    [LiveFact]
    public async Task Every_shape_round_trips_on_the_live_tenant()
    {
        var writer = new StringWriter();
        var console = CliHarness.CreateConsole(writer);
        string key = Environment.GetEnvironmentVariable(LiveFactAttribute.ApiKeyVariable)!;
        var environment = new CliEnvironment
        {
            Variables = new Dictionary<string, string?>
            {
                ["WORKIOM_API_KEY"] = key,
                ["WORKIOM_BASE_URL"] = Environment.GetEnvironmentVariable(LiveFactAttribute.BaseUrlVariable),
            },
            WorkingDirectory = Path.GetTempPath(),
        };

        int exitCode = await CliApp.RunAsync(["verify", "--list", Environment.GetEnvironmentVariable(LiveFactAttribute.ListVariable)!], console, environment);

        string output = writer.ToString();
        Assert.DoesNotContain(key, output, StringComparison.Ordinal);
        Assert.True(exitCode == 0, output);
    }

    /// <summary>A company to link to and another scratch record to depend on.</summary>
    private static async Task SeedAsync(CliHarness cli)
    {
        using var http = new HttpClient { BaseAddress = cli.Emulator.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", cli.Emulator.ApiKey);
        var company = await http.PostAsJsonAsync("api/services/app/Data/Create?listId=" + CliHarness.CompaniesListId, new Dictionary<string, object> { ["3416230"] = "Acme", ["3416233"] = 250 });
        company.EnsureSuccessStatusCode();
        var other = await http.PostAsJsonAsync("api/services/app/Data/Create?listId=" + ScratchListId, new Dictionary<string, object> { ["7100001"] = "Another record" });
        other.EnsureSuccessStatusCode();
    }

    private static JsonElement Report(CliHarness cli) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Folder, "report.json"))).RootElement;

    private static bool Is(JsonElement check, string step, int fieldId) =>
        check.GetProperty("step").GetString() == step && check.TryGetProperty("fieldId", out var id) && id.GetInt32() == fieldId;

    private static string Outcome(JsonElement check) => check.GetProperty("outcome").GetString()!;
}
