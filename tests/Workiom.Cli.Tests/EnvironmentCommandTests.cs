using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator;

namespace Workiom.Cli.Tests;

/// <summary>
/// 'schema pull --env', 'schema map --env' and 'schema diff --env a --env b': the repository's primary snapshots and
/// the same lists as a second tenant (schemas/staging: new ids, the Deals title field renamed and mapped).
/// </summary>
public sealed class EnvironmentCommandTests
{
    private const string StagingDealsListId = "e61f0b9c-84d2-4a37-26c1-19f702ab5d96";
    private const string StagingCompaniesListId = "4a8d2f60-c5e1-4b9a-b814-82a0e37c6d21";
    private const string StagingKey = "staging-k3y-only";

    private static string StagingSchemas => Path.Combine(CliHarness.SourceSchemas, "staging");

    [Fact]
    public async Task Pull_with_an_environment_writes_its_folder_with_its_own_credentials_and_keeps_the_mapping_file()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var staging = await StartStagingAsync();
        cli.Variables["WORKIOM_STAGING_API_KEY"] = staging.ApiKey;
        cli.Variables["WORKIOM_STAGING_BASE_URL"] = staging.BaseAddress.ToString();
        string folder = Path.Combine(cli.Folder, "schemas", "staging");
        Directory.CreateDirectory(folder);
        const string map = "{ \"lists\": { \"b2a42566-eb5c-40bb-15d8-08d601df4183\": { \"fields\": { \"2014502\": 3014502 } } } }\n";
        File.WriteAllText(Path.Combine(folder, "workiom-map.json"), map);

        var (code, output) = await cli.RunAsync("schema", "pull", "--env", "Staging", "--list", StagingDealsListId, "--list", StagingCompaniesListId);

        Assert.True(code == 0, output);
        Assert.Equal(map, File.ReadAllText(Path.Combine(folder, "workiom-map.json")));
        var deals = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "deals.json")))!;
        Assert.Equal(StagingDealsListId, (string?)deals["$snapshot"]!["listId"]);
        Assert.Equal(staging.BaseAddress.GetLeftPart(UriPartial.Authority), (string?)deals["$snapshot"]!["source"]);
        Assert.True(File.Exists(Path.Combine(folder, "companies.json")));
        Assert.Equal(3, Directory.GetFiles(folder).Length);
        Assert.False(File.Exists(Path.Combine(cli.Folder, "schemas", "deals.json")));
        Assert.DoesNotContain(staging.ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(staging.ApiKey, File.ReadAllText(Path.Combine(folder, "deals.json")), StringComparison.Ordinal);

        // The primary key cannot read the staging tenant: the pull above used WORKIOM_STAGING_API_KEY.
        var primaryOnly = await cli.RunAsync("schema", "pull", "--list", StagingDealsListId, "--base-url", staging.BaseAddress.ToString(), "--out", "elsewhere");
        Assert.Equal(CliApp.ErrorExitCode, primaryOnly.ExitCode);
    }

    [Fact]
    public async Task Pull_with_an_environment_never_uses_the_primary_key()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Variables["WORKIOM_STAGING_BASE_URL"] = cli.Emulator.BaseAddress.ToString();

        var missing = await cli.RunAsync("schema", "pull", "--env", "staging", "--list", CliHarness.DealsListId);
        var typed = await cli.RunAsync("schema", "pull", "--env", "staging", "--list", CliHarness.DealsListId, "--api-key", cli.Emulator.ApiKey);

        Assert.Equal(CliApp.ErrorExitCode, missing.ExitCode);
        Assert.Contains("set WORKIOM_STAGING_API_KEY", missing.Output, StringComparison.Ordinal);
        Assert.Equal(CliApp.ErrorExitCode, typed.ExitCode);
        Assert.Contains("comes only from WORKIOM_STAGING_API_KEY", typed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.Emulator.ApiKey, missing.Output + typed.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Folder, "schemas")));
    }

    [Fact]
    public async Task A_refused_key_names_the_environments_variable()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Variables["WORKIOM_QA-1_API_KEY"] = "unused";
        cli.Variables["WORKIOM_QA_1_API_KEY"] = "wrong-key";
        cli.Variables["WORKIOM_QA_1_BASE_URL"] = cli.Emulator.BaseAddress.ToString();

        var (code, output) = await cli.RunAsync("schema", "pull", "--env", "qa-1", "--list", CliHarness.DealsListId);

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("refused the API key", output, StringComparison.Ordinal);
        Assert.Contains("WORKIOM_QA_1_API_KEY", output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../up")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("st aging")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Bad_environment_names_are_refused_before_anything_is_written(string name)
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Variables["WORKIOM_UP_API_KEY"] = cli.Emulator.ApiKey;

        var pull = await cli.RunAsync("schema", "pull", "--env", name, "--list", CliHarness.DealsListId);
        var map = await cli.RunAsync("schema", "map", "--env", name);
        var diff = await cli.RunAsync("schema", "diff", "--env", "default", "--env", name);

        foreach (var (code, output) in new[] { pull, map, diff })
        {
            Assert.Equal(CliApp.ErrorExitCode, code);
            Assert.Contains("An environment name is 1 to 64", output, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFileSystemEntries(cli.Folder));
    }

    [Fact]
    public async Task A_list_named_like_the_mapping_file_gets_another_file_name()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.AddList("0a0a0a0a-1111-2222-3333-444444444444", "Workiom Map");

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", "0a0a0a0a-1111-2222-3333-444444444444");

        Assert.True(code == 0, output);
        Assert.False(File.Exists(Path.Combine(cli.Folder, "schemas", "workiom-map.json")));
        Assert.Single(Directory.GetFiles(Path.Combine(cli.Folder, "schemas"), "workiom-map-*.json"));
    }

    [Fact]
    public async Task Map_adds_null_for_each_unmatched_member_keeps_the_users_entries_and_shows_candidates()
    {
        await using var cli = await CliHarness.StartAsync();
        string folder = CopyEnvironments(cli.Folder);
        string mapPath = Path.Combine(folder, "workiom-map.json");
        File.WriteAllText(mapPath, """
            { "note": "kept",
              "lists": { "d5192ca5-b7db-4866-a309-7161739f88d5": { "fields": { "3416230": 4416230 }, "extra": [1, 2] } } }
            """);

        var (code, output) = await cli.RunAsync("schema", "map", "--env", "staging");

        Assert.True(code == 0, output);
        var map = JsonNode.Parse(File.ReadAllText(mapPath))!.AsObject();
        Assert.Equal("staging", (string?)map["environment"]);
        Assert.Equal("kept", (string?)map["note"]);
        var companies = map["lists"]!["d5192ca5-b7db-4866-a309-7161739f88d5"]!;
        Assert.Equal(4416230, (int)companies["fields"]!["3416230"]!);
        Assert.Equal("[1,2]", companies["extra"]!.ToJsonString());
        var deals = map["lists"]![CliHarness.DealsListId]!["fields"]!.AsObject();
        Assert.True(deals.ContainsKey("2014502"));
        Assert.Null(deals["2014502"]);
        Assert.Contains("Deal Name (2014502), Text (0)", output, StringComparison.Ordinal);
        Assert.Contains("3014502: Deal Title", output, StringComparison.Ordinal);
        Assert.Contains("1 added to schemas/staging/workiom-map.json as null", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        // Run again: nothing new to add, and the user's choice replaces the null.
        deals["2014502"] = 3014502;
        File.WriteAllText(mapPath, map.ToJsonString());
        var again = await cli.RunAsync("schema", "map", "--env", "staging");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("Every primary list, field, option and view has a match", again.Output, StringComparison.Ordinal);
        Assert.Equal(3014502, (int)JsonNode.Parse(File.ReadAllText(mapPath))!["lists"]![CliHarness.DealsListId]!["fields"]!["2014502"]!);
    }

    [Fact]
    public async Task Map_lists_unmatched_options_views_and_lists_and_writes_json()
    {
        await using var cli = await CliHarness.StartAsync();
        string folder = CopyEnvironments(cli.Folder);
        EditSnapshot(Path.Combine(folder, "deals.json"), list =>
        {
            var stage = list["fields"]!.AsArray().Single(f => (int)f!["id"]! == 3014505)!;
            stage["staticListValues"]![0]!["label"] = "New lead";
            list["views"]![0]!["name"] = "Everything";
        });
        EditSnapshot(Path.Combine(folder, "companies.json"), list => list["name"] = "Accounts");

        var (code, output) = await cli.RunAsync("schema", "map", "--env", "staging", "--json");

        Assert.True(code == 0, output);
        var report = JsonNode.Parse(output)!;
        var unmatched = report["unmatched"]!.AsArray().Select(u => ((string)u!["kind"]!, (string)u["primaryId"]!)).ToList();
        Assert.Contains(("list", CliHarness.CompaniesListId), unmatched);
        Assert.Contains(("field", "2014502"), unmatched);
        Assert.Contains(("view", "535375"), unmatched);
        Assert.Contains(unmatched, u => u.Item1 == "option");
        var view = report["unmatched"]!.AsArray().Single(u => (string)u!["kind"]! == "view")!;
        Assert.Contains(view["candidates"]!.AsArray(), c => (string)c!["name"]! == "Everything");
        var map = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "workiom-map.json")))!["lists"]!;
        Assert.True(map[CliHarness.CompaniesListId]!.AsObject().ContainsKey("listId"));
        Assert.Null(map[CliHarness.CompaniesListId]!["listId"]);
        Assert.Null(map[CliHarness.DealsListId]!["views"]!["535375"]);
        Assert.Single(map[CliHarness.DealsListId]!["options"]!["2014505"]!.AsObject());
    }

    [Fact]
    public async Task Map_keeps_an_entry_whose_id_the_environment_lacks_and_says_where_it_is()
    {
        await using var cli = await CliHarness.StartAsync();
        string folder = CopyEnvironments(cli.Folder);
        string mapPath = Path.Combine(folder, "workiom-map.json");
        File.WriteAllText(mapPath, "{\n  \"lists\": { \"" + CliHarness.DealsListId + "\": { \"fields\": { \"2014502\": 999 } } }\n}\n");

        var (code, output) = await cli.RunAsync("schema", "map", "--env", "staging");

        Assert.True(code == 0, output);
        Assert.Equal(999, (int)JsonNode.Parse(File.ReadAllText(mapPath))!["lists"]![CliHarness.DealsListId]!["fields"]!["2014502"]!);
        Assert.Contains("schemas/staging/workiom-map.json(2,", output, StringComparison.Ordinal);
        Assert.Contains("WKM0019", output, StringComparison.Ordinal);
        Assert.Contains("0 added to", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_refuses_a_mapping_file_that_is_not_json_and_leaves_it()
    {
        await using var cli = await CliHarness.StartAsync();
        string folder = CopyEnvironments(cli.Folder);
        File.WriteAllText(Path.Combine(folder, "workiom-map.json"), "{ \"lists\": ");

        var (code, output) = await cli.RunAsync("schema", "map", "--env", "staging");

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("is not valid JSON", output, StringComparison.Ordinal);
        Assert.Equal("{ \"lists\": ", File.ReadAllText(Path.Combine(folder, "workiom-map.json")));
    }

    [Fact]
    public async Task Hostile_names_in_the_map_table_are_shown_as_text()
    {
        await using var cli = await CliHarness.StartAsync();
        string folder = CopyEnvironments(cli.Folder);
        EditSnapshot(Path.Combine(cli.Folder, "schemas", "deals.json"), list => list["fields"]![0]!["name"] = "[red]x[/] [");
        EditSnapshot(Path.Combine(folder, "deals.json"), list => list["name"] = "Deals");

        var (code, output) = await cli.RunAsync("schema", "map", "--env", "staging");

        Assert.True(code == 0, output);
        Assert.Contains("[red]x[/] [", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_of_two_environments_uses_the_map_and_exits_like_check()
    {
        await using var cli = await CliHarness.StartAsync();
        string folder = CopyEnvironments(cli.Folder);
        File.WriteAllText(Path.Combine(folder, "workiom-map.json"), "{ \"lists\": { \"" + CliHarness.DealsListId + "\": { \"fields\": { \"2014502\": 3014502 } } } }");

        var mapped = await cli.RunAsync("schema", "diff", "--env", "default", "--env", "staging");
        Assert.True(mapped.ExitCode == 1, mapped.Output);
        Assert.Contains("fieldRenamed", mapped.Output, StringComparison.Ordinal);

        File.Delete(Path.Combine(folder, "workiom-map.json"));
        var unmapped = await cli.RunAsync("schema", "diff", "--env", "staging", "--env", "default", "--json");
        Assert.Equal(2, unmapped.ExitCode);
        var changes = JsonNode.Parse(unmapped.Output)!.AsArray();
        Assert.Contains(changes, c => (string)c!["kind"]! == "fieldUnmatched" && (int)c["fieldId"]! == 2014502 && (string)c["severity"]! == "breaking");
        Assert.Contains(changes, c => (string)c!["kind"]! == "fieldOnlyIn" && (string)c["fieldName"]! == "Deal Title" && (string)c["severity"]! == "safe");

        EditSnapshot(Path.Combine(folder, "deals.json"), list => list["fields"]!.AsArray().Single(f => (int)f!["id"]! == 3014503)!["dataType"] = 1);
        var retyped = await cli.RunAsync("schema", "diff", "--env", "default", "--env", "staging", "--json");
        Assert.Equal(2, retyped.ExitCode);
        var amount = JsonNode.Parse(retyped.Output)!.AsArray().Single(c => (int?)c!["fieldId"] == 2014503)!;
        Assert.Equal("fieldTypeDiffers", (string?)amount["kind"]);
        Assert.DoesNotContain(JsonNode.Parse(retyped.Output)!.AsArray(), c => (string)c!["kind"]! == "fieldOnlyIn" && (string?)c["fieldName"] == "Amount");
    }

    [Fact]
    public async Task Map_and_diff_skip_json_files_that_are_not_list_snapshots()
    {
        await using var cli = await CliHarness.StartAsync();
        string folder = CopyEnvironments(cli.Folder);
        string schemas = Path.Combine(cli.Folder, "schemas");

        // The snapshot format's JSON Schema sits beside the snapshots; other tools leave JSON files there too.
        File.Copy(Path.Combine(CliHarness.SourceSchemas, "workiom-snapshot.schema.json"), Path.Combine(schemas, "workiom-snapshot.schema.json"));
        File.Copy(Path.Combine(CliHarness.SourceSchemas, "workiom-snapshot.schema.json"), Path.Combine(folder, "workiom-snapshot.schema.json"));
        File.WriteAllText(Path.Combine(folder, "settings.json"), "[1, 2]");
        File.WriteAllText(Path.Combine(folder, "workiom-map.json"), "{ \"lists\": { \"" + CliHarness.DealsListId + "\": { \"fields\": { \"2014502\": 3014502 } } } }");

        var diff = await cli.RunAsync("schema", "diff", "--env", "default", "--env", "staging");
        var map = await cli.RunAsync("schema", "map", "--env", "staging");

        Assert.True(diff.ExitCode == 1, diff.Output);
        Assert.True(map.ExitCode == 0, map.Output);
        foreach (string output in new[] { diff.Output, map.Output })
        {
            Assert.DoesNotContain("WKM000", output, StringComparison.Ordinal);
            Assert.DoesNotContain("workiom-snapshot.schema.json", output, StringComparison.Ordinal);
            Assert.DoesNotContain("settings.json", output, StringComparison.Ordinal);
        }

        Assert.Contains("Every primary list, field, option and view has a match", map.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_of_identical_environments_exits_0_and_needs_two_different_names()
    {
        await using var cli = await CliHarness.StartAsync();
        string copy = Path.Combine(cli.Folder, "schemas", "copy");
        Directory.CreateDirectory(copy);
        CopyPrimary(cli.Folder);
        File.Copy(Path.Combine(CliHarness.SourceSchemas, "deals.json"), Path.Combine(copy, "deals.json"));
        File.Copy(Path.Combine(CliHarness.SourceSchemas, "companies.json"), Path.Combine(copy, "companies.json"));

        var same = await cli.RunAsync("schema", "diff", "--env", "default", "--env", "copy");
        var one = await cli.RunAsync("schema", "diff", "--env", "copy");
        var twice = await cli.RunAsync("schema", "diff", "--env", "copy", "--env", "COPY");

        Assert.True(same.ExitCode == 0, same.Output);
        Assert.Contains("The environments match.", same.Output, StringComparison.Ordinal);
        Assert.Equal(CliApp.ErrorExitCode, one.ExitCode);
        Assert.Equal(CliApp.ErrorExitCode, twice.ExitCode);
    }

    [Fact]
    public async Task Pulled_environments_map_and_diff_end_to_end()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var staging = await StartStagingAsync();
        cli.Variables["WORKIOM_STAGING_API_KEY"] = staging.ApiKey;
        cli.Variables["WORKIOM_STAGING_BASE_URL"] = staging.BaseAddress.ToString();
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId, "--list", CliHarness.CompaniesListId)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("schema", "pull", "--env", "staging", "--list", StagingDealsListId, "--list", StagingCompaniesListId)).ExitCode);

        var map = await cli.RunAsync("schema", "map", "--env", "staging");
        Assert.True(map.ExitCode == 0, map.Output);
        string mapPath = Path.Combine(cli.Folder, "schemas", "staging", "workiom-map.json");
        var document = JsonNode.Parse(File.ReadAllText(mapPath))!;
        document["lists"]![CliHarness.DealsListId]!["fields"]!["2014502"] = 3014502;
        File.WriteAllText(mapPath, document.ToJsonString());

        var diff = await cli.RunAsync("schema", "diff", "--env", "default", "--env", "staging", "--json");

        Assert.Equal(1, diff.ExitCode);
        var change = Assert.Single(JsonNode.Parse(diff.Output)!.AsArray());
        Assert.Equal("fieldRenamed", (string?)change!["kind"]);
        Assert.DoesNotContain(staging.ApiKey, map.Output + diff.Output, StringComparison.Ordinal);
    }

    private static Task<WorkiomEmulator> StartStagingAsync() => WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
    {
        ApiKey = StagingKey,
        SchemaPaths = { Path.Combine(StagingSchemas, "deals.json"), Path.Combine(StagingSchemas, "companies.json") },
    });

    private static void CopyPrimary(string root)
    {
        string schemas = Path.Combine(root, "schemas");
        Directory.CreateDirectory(schemas);
        File.Copy(Path.Combine(CliHarness.SourceSchemas, "deals.json"), Path.Combine(schemas, "deals.json"), overwrite: true);
        File.Copy(Path.Combine(CliHarness.SourceSchemas, "companies.json"), Path.Combine(schemas, "companies.json"), overwrite: true);
    }

    /// <summary>The primary snapshots in schemas/ and the staging ones (without a mapping file) in schemas/staging/; returns the latter.</summary>
    private static string CopyEnvironments(string root)
    {
        CopyPrimary(root);
        string folder = Path.Combine(root, "schemas", "staging");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(StagingSchemas, "deals.json"), Path.Combine(folder, "deals.json"));
        File.Copy(Path.Combine(StagingSchemas, "companies.json"), Path.Combine(folder, "companies.json"));
        return folder;
    }

    private static void EditSnapshot(string path, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(root["result"]!.AsObject());
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
