using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Generators.Model;
using SnapshotParser = Workiom.Generators.Parsing.SnapshotParser;
using Workiom.Emulator.Faults;
using Workiom.Staleness;

namespace Workiom.Cli.Tests;

public sealed class SchemaCommandTests
{
    private const int AmountId = 2014503;
    private const int StageId = 2014505;
    private const int DealNameId = 2014502;

    [Fact]
    public async Task Pull_writes_one_canonical_snapshot_per_list_with_a_header()
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId, "--list", CliHarness.CompaniesListId, "--out", "schemas");

        Assert.True(code == 0, output);
        string deals = File.ReadAllText(Path.Combine(cli.Folder, "schemas", "deals.json"));
        Assert.True(File.Exists(Path.Combine(cli.Folder, "schemas", "companies.json")));
        var root = JsonNode.Parse(deals)!.AsObject();
        Assert.Equal(new[] { "$snapshot", "result" }, root.Select(p => p.Key));
        var header = root["$snapshot"]!.AsObject();
        Assert.Equal(CliHarness.DealsListId, (string?)header["listId"]);
        Assert.Equal("2026-03-01T09:30:00Z", (string?)header["pulledAt"]);
        Assert.Equal(SnapshotVersions.Tool, (string?)header["tool"]);
        Assert.Equal(SnapshotVersions.Format, (int)header["format"]!);
        Assert.StartsWith("http://127.0.0.1:", (string?)header["source"], StringComparison.Ordinal);
        Assert.Equal("{\"expand\":[\"Fields\",\"Views\",\"Filters\"],\"includeSystemFields\":true}", header["request"]!.ToJsonString());

        // Keys in ordinal order at every depth, so a re-pull of an unchanged list is byte for byte the same file.
        var list = root["result"]!.AsObject();
        Assert.Equal(list.Select(p => p.Key).Order(StringComparer.Ordinal), list.Select(p => p.Key));
        var firstField = list["fields"]![0]!.AsObject();
        Assert.Equal(firstField.Select(p => p.Key).Order(StringComparer.Ordinal), firstField.Select(p => p.Key));
        Assert.Contains("\n  \"result\": {\n", deals, StringComparison.Ordinal);

        // The header hash is the one the WKM2002 analyzer recomputes from the file.
        int start = deals.IndexOf("\"result\": ", StringComparison.Ordinal) + "\"result\": ".Length;
        string resultText = deals.Substring(start, deals.LastIndexOf('}') - start);
        Assert.Equal(SnapshotHash.Compute(resultText), (string?)header["hash"]);

        var again = await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId, "--out", "schemas");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(deals, File.ReadAllText(Path.Combine(cli.Folder, "schemas", "deals.json")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(cli.Folder, "schemas")).Length);
    }

    [Fact]
    public async Task Pull_by_app_writes_every_list_of_the_app_and_the_generator_reads_them()
    {
        await using var cli = await CliHarness.StartAsync();
        var apps = await cli.RunAsync("apps");
        Assert.Equal(0, apps.ExitCode);
        Assert.Contains(CliHarness.DealsListId, apps.Output, StringComparison.Ordinal);
        Assert.Contains("Companies", apps.Output, StringComparison.Ordinal);
        string appId = (string)JsonNode.Parse(File.ReadAllText(Path.Combine(CliHarness.SourceSchemas, "deals.json")))!["result"]!["appId"]!;

        var (code, output) = await cli.RunAsync("schema", "pull", "--app", appId, "--out", "pulled");

        Assert.True(code == 0, output);
        string path = Path.Combine(cli.Folder, "pulled", "deals.json");
        var parsed = SnapshotParser.Parse(new SnapshotInput(path, File.ReadAllText(path), null, null, "Lists"), CancellationToken.None);
        Assert.Empty(parsed.Diagnostics);
        Assert.Equal("Deal", parsed.List!.TypeName);
        Assert.Contains(parsed.List.Fields, f => f.Id == AmountId && f.PropertyName == "Amount");
        Assert.True(File.Exists(Path.Combine(cli.Folder, "pulled", "companies.json")));
    }

    [Fact]
    public async Task A_rename_in_Workiom_keeps_the_CSharp_name_and_is_reported()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId)).ExitCode);
        cli.ChangeDeals(list => CliHarness.Field(list, AmountId)["name"] = "Deal Value");

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId);

        Assert.Equal(0, code);
        Assert.Contains("from 'Amount' to 'Deal Value'", output, StringComparison.Ordinal);
        string path = Path.Combine(cli.Folder, "schemas", "deals.json");
        string text = File.ReadAllText(path);
        Assert.Equal("Amount", (string?)JsonNode.Parse(text)!["$csharp"]!["names"]![AmountId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var parsed = SnapshotParser.Parse(new SnapshotInput(path, text, null, null, "Lists"), CancellationToken.None);
        var amount = parsed.List!.Fields.Single(f => f.Id == AmountId);
        Assert.Equal("Deal Value", amount.Name);
        Assert.Equal("Amount", amount.PropertyName);
    }

    [Fact]
    public async Task An_override_chosen_in_the_repository_survives_a_re_pull()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId)).ExitCode);
        string path = Path.Combine(cli.Folder, "schemas", "deals.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        root["$csharp"] = new JsonObject { ["typeName"] = "Opportunity", ["names"] = new JsonObject { ["2014502"] = "Title" } };
        File.WriteAllText(path, root.ToJsonString());
        cli.ChangeDeals(list => CliHarness.Field(list, DealNameId)["name"] = "Opportunity Name");

        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId)).ExitCode);

        var csharp = JsonNode.Parse(File.ReadAllText(path))!["$csharp"]!;
        Assert.Equal("Opportunity", (string?)csharp["typeName"]);
        Assert.Equal("Title", (string?)csharp["names"]!["2014502"]);
        Assert.Single(Directory.GetFiles(Path.Combine(cli.Folder, "schemas")));
    }

    [Fact]
    public async Task Check_exits_0_without_drift()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId, "--list", CliHarness.CompaniesListId)).ExitCode);

        var (code, output) = await cli.RunAsync("schema", "check", "--report", "obj/drift.json");

        Assert.True(code == 0, output);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Folder, "obj", "drift.json")))!;
        Assert.Empty(report["changes"]!.AsArray());
        Assert.Equal(0, (int)report["exitCode"]!);
    }

    [Fact]
    public async Task Check_exits_1_when_every_change_is_safe()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId)).ExitCode);
        cli.ChangeDeals(list =>
        {
            CliHarness.Field(list, StageId)["staticListValues"]!.AsArray().Add(new JsonObject { ["id"] = "on-hold", ["label"] = "On Hold", ["order"] = 5 });
            CliHarness.Field(list, AmountId)["name"] = "Deal Value";
        });

        var (code, output) = await cli.RunAsync("schema", "check");

        Assert.True(code == 1, output);
        Assert.Contains("optionAdded", output, StringComparison.Ordinal);
        Assert.Contains("fieldRenamed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_and_check_classify_breaking_dangerous_and_safe_changes()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId)).ExitCode);
        cli.ChangeDeals(list =>
        {
            CliHarness.Field(list, AmountId)["dataType"] = 0;
            var stage = CliHarness.Field(list, StageId)["staticListValues"]!.AsArray();
            stage.RemoveAt(4);
            stage[0]!["label"] = "New lead";
            CliHarness.Field(list, 2014504)["isDeleted"] = true;
            CliHarness.Field(list, 2014508)["linkedListId"] = "elsewhere";
            CliHarness.Field(list, 2014519)["isRequired"] = true;
            CliHarness.Field(list, 2014522)["isComputed"] = true;
        });

        var (code, output) = await cli.RunAsync("schema", "diff", "--json");

        Assert.True(code == 0, output);
        var changes = JsonSerializer.Deserialize<List<DriftChange>>(output, CliApp.ReportJson)!;
        Assert.Equal(
            new[]
            {
                ("fieldRetyped", DriftSeverity.Breaking, AmountId),
                ("optionRemoved", DriftSeverity.Breaking, StageId),
                ("optionRelabelled", DriftSeverity.Dangerous, StageId),
                ("fieldRemoved", DriftSeverity.Breaking, 2014504),
                ("linkTargetChanged", DriftSeverity.Breaking, 2014508),
                ("requiredChanged", DriftSeverity.Dangerous, 2014519),
                ("computedChanged", DriftSeverity.Breaking, 2014522),
            }.Order(),
            changes.Select(c => (c.Kind, c.Severity, c.FieldId!.Value)).Order());
        Assert.Contains(changes, c => c.Kind == "optionRemoved" && c.Description.Contains("'Lost'", StringComparison.Ordinal) && c.OptionId is not null);

        var check = await cli.RunAsync("schema", "check", "schemas", "--report", "drift.json");
        Assert.Equal(2, check.ExitCode);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Folder, "drift.json")))!;
        Assert.Equal(2, (int)report["exitCode"]!);
        Assert.Contains(report["changes"]!.AsArray(), c => (string?)c!["kind"] == "fieldRetyped" && (int)c["fieldId"]! == AmountId
            && (string?)c["severity"] == "breaking" && (string?)c["snapshot"] == "schemas/deals.json");
    }

    [Fact]
    public async Task A_removed_view_is_breaking_and_the_report_names_its_list_and_view()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId)).ExitCode);
        cli.ChangeDeals(list =>
        {
            var views = list["views"]!.AsArray();
            var board = views.Single(v => (int)v!["id"]! == 535376)!;
            views.Remove(board);
            views[0]!["name"] = "Every deal";
            views.Add(new JsonObject { ["id"] = 535399, ["name"] = "Won this year" });
        });

        var diff = await cli.RunAsync("schema", "diff", "--json");
        var changes = JsonSerializer.Deserialize<List<DriftChange>>(diff.Output, CliApp.ReportJson)!;
        Assert.Equal(
            new[] { ("viewAdded", DriftSeverity.Safe, 535399), ("viewRemoved", DriftSeverity.Breaking, 535376), ("viewRenamed", DriftSeverity.Safe, 535375) },
            changes.Select(c => (c.Kind, c.Severity, c.ViewId!.Value)).Order());

        var check = await cli.RunAsync("schema", "check", "--report", "drift.json");
        Assert.True(check.ExitCode == 2, check.Output);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Folder, "drift.json")))!;
        var removed = Assert.Single(report["changes"]!.AsArray(), c => (string?)c!["kind"] == "viewRemoved")!.AsObject();
        Assert.Equal(JsonValueKind.String, removed["listId"]!.GetValueKind());
        Assert.Equal(CliHarness.DealsListId, (string?)removed["listId"]);
        Assert.Equal(JsonValueKind.Number, removed["viewId"]!.GetValueKind());
        Assert.Equal(535376, (int)removed["viewId"]!);
        Assert.Equal("breaking", (string?)removed["severity"]);
        Assert.Contains("'Open pipeline (board)'", (string?)removed["description"], StringComparison.Ordinal);
        Assert.False(removed.ContainsKey("fieldId"));
    }

    [Theory]
    [InlineData("bad key", "refused the API key")]
    [InlineData("unknown list", "does not know list")]
    [InlineData("network", "Cannot reach Workiom")]
    [InlineData("no key", "No API key")]
    public async Task Failures_are_one_line_and_a_non_zero_exit(string failure, string expected)
    {
        await using var cli = await CliHarness.StartAsync();
        string[] args = failure switch
        {
            "bad key" => new[] { "schema", "pull", "--list", CliHarness.DealsListId, "--api-key", "wrong" },
            "unknown list" => new[] { "schema", "pull", "--list", "no-such-list" },
            "network" => new[] { "apps", "--base-url", "http://127.0.0.1:1" },
            _ => new[] { "apps", "--api-key", " " },
        };

        var (code, output) = await cli.RunAsync(args);

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Folder, "schemas")) && Directory.GetFiles(Path.Combine(cli.Folder, "schemas")).Length > 0);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_pull_that_fails_at_a_later_list_leaves_every_snapshot_as_it_was(int failingList)
    {
        await using var cli = await CliHarness.StartAsync();
        const string ProjectsId = "7c1e0d9a-0a51-4d35-9a4f-2b6f3c8e1d20";
        cli.AddList(ProjectsId, "Projects");
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--app", CliHarness.AppId)).ExitCode);
        string folder = Path.Combine(cli.Folder, "schemas");
        var before = Directory.GetFiles(folder).ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(3, before.Count);

        // Every list changes in Workiom and a day passes: any file the failed pull rewrote would differ.
        cli.ChangeCompanies(list => CliHarness.Field(list, 3416233)["name"] = "Headcount");
        cli.ChangeDeals(list => CliHarness.Field(list, AmountId)["name"] = "Deal Value");
        cli.AddList(ProjectsId, "Projects", list => CliHarness.Field(list, 3416233)["name"] = "Team Size");
        cli.Now = cli.Now.AddDays(1);

        // Lists/Get calls before the failing one pass through (a zero-delay "slow" reply); the failing one gets a 500.
        for (int i = 1; i < failingList; i++)
        {
            cli.Emulator.Faults.Enqueue(new EmulatorFault("Lists/Get", FaultKind.SlowReply, delay: TimeSpan.Zero));
        }

        cli.Emulator.Faults.Enqueue(new EmulatorFault("Lists/Get", FaultKind.ServerError, statusCode: 500));

        var (code, output) = await cli.RunAsync("schema", "pull", "--app", CliHarness.AppId);

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("HTTP 500", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, cli.Emulator.Faults.Pending);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(folder).Order());
        foreach (var (path, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(path)), path + " changed");
        }

        // The same pull without the fault rewrites all three, and leaves no temporary file behind.
        var again = await cli.RunAsync("schema", "pull", "--app", CliHarness.AppId);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(folder).Order());
        Assert.All(before, entry => Assert.False(entry.Value.AsSpan().SequenceEqual(File.ReadAllBytes(entry.Key)), entry.Key + " unchanged"));
    }

    [Fact]
    public async Task Pulling_an_app_that_does_not_exist_is_an_error()
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, output) = await cli.RunAsync("schema", "pull", "--app", "no-such-app");

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("Workiom has no app no-such-app", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(cli.Folder, "schemas")));
    }

    public static TheoryData<string, string?> HostileListIds => new()
    {
        { "../escape", null },
        { "../../escape", "" },
        { "..\\..\\escape", null },
        { "{folder}/absolute", null },
        { "C:\\Windows\\absolute", null },
        { "..", null },
        { "con", null },
        { "list-1", "CON" },
        { "list-2", "lpt1" },
        { "a:b*c?d<e>f|g\"h", null },
        { "list-3", new string('x', 300) },
        { "list-4", string.Concat(Enumerable.Repeat("\u0635\u0641\u0642\u0629", 60)) },
        { new string('7', 300), null },
        { "list-5", "Deals \ud83d\ude80 / Q1" },
    };

    [Theory]
    [MemberData(nameof(HostileListIds))]
    public async Task A_list_id_or_name_from_the_server_becomes_a_safe_file_name_inside_the_folder(string listId, string? name)
    {
        await using var cli = await CliHarness.StartAsync();
        listId = listId.Replace("{folder}", cli.Folder, StringComparison.Ordinal);
        cli.AddList(listId, name);

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", listId, "--out", "out/schemas");

        Assert.True(code == 0, output);
        string folder = Path.Combine(cli.Folder, "out", "schemas");
        Assert.Equal(new[] { folder }, Directory.GetDirectories(cli.Folder, "*", SearchOption.AllDirectories).Where(d => d != Path.Combine(cli.Folder, "out")));
        string file = Assert.Single(Directory.GetFiles(cli.Folder, "*", SearchOption.AllDirectories));
        Assert.Equal(folder, Path.GetDirectoryName(file));
        string fileName = Path.GetFileName(file);
        string stem = Path.GetFileNameWithoutExtension(fileName);
        Assert.EndsWith(".json", fileName, StringComparison.Ordinal);
        Assert.NotEmpty(stem);
        Assert.All(stem, c => Assert.True(char.IsLetterOrDigit(c) || c == '-', "'" + c + "' in " + fileName));
        Assert.False(stem.StartsWith('-') || stem.EndsWith('-'), fileName);
        Assert.DoesNotMatch("^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", stem);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(fileName), 1, 220);
        Assert.True(SnapshotStore.TryRead(file, out var snapshot, out string? problem), problem);
        Assert.Equal(listId, snapshot!.ListId);

        // A re-pull finds the file by the list id inside it, whatever its name.
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", listId, "--out", "out/schemas")).ExitCode);
        Assert.Equal(new[] { file }, Directory.GetFiles(cli.Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task New_file_names_differ_from_every_name_in_the_folder_ignoring_case()
    {
        await using var cli = await CliHarness.StartAsync();
        string folder = Path.Combine(cli.Folder, "schemas");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "LEADS.json"), "{}");
        cli.AddList("list-a", "Leads");
        cli.AddList("list-b", "LEADS");
        cli.AddList("list-c", "leads!");

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", "list-a", "--list", "list-b", "--list", "list-c");

        // On Windows and macOS "leads.json" is "LEADS.json": a checkout there must not fold two files into one.
        Assert.True(code == 0, output);
        var names = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "LEADS.json", "leads-list-a.json", "leads-list-b.json", "leads-list-c.json" }, names);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(folder, "LEADS.json")));
    }

    [Fact]
    public async Task Pull_asks_for_system_fields_views_and_filters_and_records_it()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var server = await LoopbackServer.StartAsync(context => LoopbackServer.Success(context,
            "{\"id\":\"some-list\",\"name\":\"Things\",\"fields\":[{\"id\":7,\"name\":\"Created by\",\"dataType\":6,\"systemFieldType\":1}]}"));

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", "some-list", "--base-url", server.Address.ToString());

        Assert.True(code == 0, output);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/services/app/Lists/Get?id=some-list&expand=Fields&expand=Views&expand=Filters&includeSystemFields=true", request.PathAndQuery);
        var header = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Folder, "schemas", "things.json")))!["$snapshot"]!;
        Assert.Equal("{\"expand\":[\"Fields\",\"Views\",\"Filters\"],\"includeSystemFields\":true}", header["request"]!.ToJsonString());
    }

    [Fact]
    public async Task Pull_from_the_emulator_keeps_the_system_fields()
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId, "--out", "schemas");

        Assert.True(code == 0, output);
        var fields = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Folder, "schemas", "deals.json")))!["result"]!["fields"]!.AsArray();
        Assert.Contains(fields, f => (int?)f!["systemFieldType"] is > 0);
    }

    [Theory]
    [InlineData("{\"fields\":[]}")]
    [InlineData("{\"id\":null,\"fields\":[]}")]
    [InlineData("{\"id\":\"\",\"fields\":[]}")]
    public async Task A_list_reply_without_a_list_id_is_a_clear_error(string reply)
    {
        await using var cli = await CliHarness.StartAsync();
        await using var server = await LoopbackServer.StartAsync(context => LoopbackServer.Success(context, reply));

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", "some-list", "--base-url", server.Address.ToString());

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("reply for list some-list has no list id", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(cli.Folder, "schemas")));
    }

    [Theory]
    [InlineData("\"name\":\"Deals \\ud800\"", "$.name")]
    [InlineData("\"name\":\"Deals\",\"description\":\"\\udc00 trailing half\"", "$.description")]
    [InlineData("\"name\":\"Deals\",\"x\\ud800\":1", "$.<a property name>")]
    [InlineData("\"name\":\"Deals\",\"extra\":[0,{\"label\":\"ok \\ud83d\\ude80\"},{\"label\":\"\\ud83d\"}]", "$.extra[2].label")]
    public async Task Text_that_is_not_valid_Unicode_in_a_list_reply_is_a_located_error(string members, string where)
    {
        await using var cli = await CliHarness.StartAsync();
        string reply = "{\"id\":\"list-1\"," + members + ",\"fields\":[{\"id\":1,\"name\":\"Title\",\"dataType\":0}]}";
        await using var server = await LoopbackServer.StartAsync(context => LoopbackServer.Success(context, reply));

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", "list-1", "--base-url", server.Address.ToString());

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("not valid Unicode (half a surrogate pair) at " + where + ".", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(cli.Folder, "schemas")));
    }

    [Fact]
    public async Task An_app_or_list_name_that_is_not_valid_Unicode_is_listed_as_Workiom_escaped_it()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var server = await LoopbackServer.StartAsync(context => LoopbackServer.Success(context,
            "{\"items\":[{\"id\":\"app-1\",\"name\":\"Sales \\ud800\",\"lists\":[{\"id\":\"list-1\",\"name\":\"\\udc00 Deals\"}]}]}"));

        var (code, output) = await cli.RunAsync("apps", "--base-url", server.Address.ToString());

        Assert.True(code == 0, output);
        Assert.Contains("Sales \\ud800", output, StringComparison.Ordinal);
        Assert.Contains("\\udc00 Deals", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_snapshot_header_names_the_server_without_credentials()
    {
        string folder = Path.Combine(Path.GetTempPath(), "workiom-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var deals = JsonDocument.Parse(File.ReadAllText(Path.Combine(CliHarness.SourceSchemas, "deals.json")));
            var written = SnapshotStore.WriteAll(folder, new[] { deals.RootElement.GetProperty("result") }, new Uri("https://user:s3cret@eu.workiom.example:8443/shard/"), DateTimeOffset.UnixEpoch);

            string text = File.ReadAllText(Assert.Single(written).Path);
            Assert.Equal("https://eu.workiom.example:8443", (string?)JsonNode.Parse(text)!["$snapshot"]!["source"]);
            Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
            Assert.Equal(new[] { written[0].Path }, Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_subcommand_the_tool_shows_its_commands()
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, output) = await cli.RunAsync("schema");

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("pull", output, StringComparison.Ordinal);
        Assert.Contains("check", output, StringComparison.Ordinal);
        Assert.Contains("diff", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_snapshot_is_a_clear_error()
    {
        await using var cli = await CliHarness.StartAsync();
        File.WriteAllText(Path.Combine(cli.Folder, "broken.json"), "{ \"id\": ");

        var (code, output) = await cli.RunAsync("schema", "diff", "broken.json");

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("is not a Workiom list snapshot", output, StringComparison.Ordinal);
    }
}
