using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

/// <summary>
/// An environment's folder (schemas/staging) holds its snapshots and its mapping file, workiom-map.json: the
/// emulator serves the snapshots and never reads the mapping file as one, named on its own or found in a folder.
/// </summary>
public sealed class EnvironmentSnapshotTests
{
    private const string StagingDeals = "e61f0b9c-84d2-4a37-26c1-19f702ab5d96";
    private const string StagingCompanies = "4a8d2f60-c5e1-4b9a-b814-82a0e37c6d21";

    private static string StagingFolder => Path.Combine(AppContext.BaseDirectory, "staging");

    [Fact]
    public async Task Each_file_of_an_environment_glob_is_served_except_the_mapping_file()
    {
        // What <WorkiomSchema Include="schemas/staging/*.json" /> or a shell glob passes: every file, the map included.
        var files = Directory.GetFiles(StagingFolder, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "workiom-map.json");

        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = files });
        var lists = await host.GetAsync("api/services/app/Lists/GetAll");

        Assert.Equal(
            [StagingCompanies, StagingDeals],
            lists.Result!["items"]!.AsArray().Select(l => l!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var deals = await host.GetAsync($"api/services/app/Lists/Get?id={StagingDeals}&expand=Fields");
        var title = deals.Result!["fields"]!.AsArray().First(f => f!["isPrimary"]!.GetValue<bool>())!;
        Assert.Equal(3014502, title["id"]!.GetValue<int>());
        Assert.Equal("Deal Title", title["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_folder_scan_skips_the_mapping_file_whatever_it_holds()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-staging-");
        try
        {
            File.Copy(Path.Combine(StagingFolder, "deals.json"), Path.Combine(folder.FullName, "deals.json"));

            // Even a mapping file that happens to look like a list is not one.
            File.WriteAllText(Path.Combine(folder.FullName, "Workiom-Map.json"), """
                { "environment": "staging", "id": "not-a-list", "fields": [ { "id": 1, "name": "Mapped", "dataType": 0 } ], "lists": {} }
                """);

            await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = [folder.FullName] });
            var lists = await host.GetAsync("api/services/app/Lists/GetAll");

            Assert.Equal([StagingDeals], lists.Result!["items"]!.AsArray().Select(l => l!["id"]!.GetValue<string>()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_staging_snapshots_share_no_id_with_the_primary_ones_and_link_to_each_other()
    {
        // The fixture's point: a second tenant installed from the same template has its own ids throughout.
        static JsonObject List(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!["result"]!;
        var primary = new[] { "deals.json", "companies.json" }.Select(n => List(Path.Combine(AppContext.BaseDirectory, "primary", n))).ToList();
        var staging = new[] { "deals.json", "companies.json" }.Select(n => List(Path.Combine(StagingFolder, n))).ToList();

        static IEnumerable<string> Ids(JsonObject list) =>
            new[] { list["id"]!.ToString(), list["appId"]!.ToString() }
                .Concat(list["fields"]!.AsArray().Select(f => f!["id"]!.ToString()))
                .Concat(list["fields"]!.AsArray().SelectMany(f => f!["staticListValues"]?.AsArray() ?? []).Select(o => o!["id"]!.ToString()))
                .Concat(list["views"]!.AsArray().Select(v => v!["id"]!.ToString()));

        Assert.Empty(primary.SelectMany(Ids).Intersect(staging.SelectMany(Ids)));
        var stagingListIds = staging.Select(l => l["id"]!.ToString()).ToHashSet();
        var links = staging.SelectMany(l => l["fields"]!.AsArray()).Where(f => f!["linkedListId"] is JsonValue).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, f => Assert.Contains(f!["linkedListId"]!.ToString(), stagingListIds));
        Assert.All(staging, l => Assert.All(l["views"]!.AsArray(), v => Assert.Equal(l["id"]!.ToString(), v!["listId"]!.ToString())));
    }
}
