using System.Net;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class CatalogEndpointTests
{
    [Fact]
    public async Task AppsGetAll_infers_the_app_from_the_snapshots_and_names_it_by_id()
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.GetAsync("api/services/app/Apps/GetAll");

        HttpStatus.Is(HttpStatusCode.OK, reply);
        var app = Assert.Single(reply.Result!["items"]!.AsArray())!;
        Assert.Equal(Ids.App, app["id"]!.GetValue<string>());
        Assert.Equal("App " + Ids.App, app["name"]!.GetValue<string>());
        Assert.Null(app["lists"]);
    }

    [Fact]
    public async Task AppsGetAll_with_lists_names_apps_from_apps_json_and_lists_primary_fields()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-schemas-");
        try
        {
            foreach (var snapshot in TestEmulator.Snapshots)
            {
                File.Copy(snapshot, Path.Combine(folder.FullName, Path.GetFileName(snapshot)));
            }

            // Not a snapshot: a folder scan must skip it rather than fail.
            File.Copy(TestEmulator.FixturePath("data-create.request.deals.json"), Path.Combine(folder.FullName, "data-create.request.deals.json"));
            File.WriteAllText(Path.Combine(folder.FullName, "apps.json"), $$"""[{"id":"{{Ids.App}}","name":"Sales CRM","icon":"fa-chart-line"}]""");

            await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = [folder.FullName] });
            var reply = await host.GetAsync("api/services/app/Apps/GetAll?withListsAndMainFields=true");

            var app = Assert.Single(reply.Result!["items"]!.AsArray())!;
            Assert.Equal("Sales CRM", app["name"]!.GetValue<string>());
            var lists = app["lists"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()).ToList();
            Assert.Equal(["Companies", "Deals"], lists);
            var dealsList = app["lists"]!.AsArray().Single(l => l!["id"]!.GetValue<string>() == Ids.Deals)!;
            Assert.Equal(2014502, Assert.Single(dealsList["fields"]!.AsArray())!["id"]!.GetValue<long>());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ListsGetAll_filters_by_app()
    {
        await using var host = await TestEmulator.StartAsync();

        var all = await host.GetAsync($"api/services/app/Lists/GetAll?appId={Ids.App}");
        var none = await host.GetAsync("api/services/app/Lists/GetAll?appId=00000000-0000-0000-0000-000000000000");

        Assert.Equal(new[] { Ids.Companies, Ids.Deals }.Order(StringComparer.Ordinal), all.Result!["items"]!.AsArray().Select(l => l!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Empty(none.Result!["items"]!.AsArray());
    }

    [Fact]
    public async Task ListsGet_returns_the_snapshot_with_the_expanded_parts()
    {
        await using var host = await TestEmulator.StartAsync();

        var full = await host.GetAsync($"api/services/app/Lists/Get?id={Ids.Deals}&expand=Fields&expand=Views&includeSystemFields=true");
        var bare = await host.GetAsync($"api/services/app/Lists/Get?id={Ids.Deals}&expand=Fields");

        var snapshot = TestEmulator.Fixture("lists-get.deals.json")["result"]!;
        Assert.True(JsonNode.DeepEquals(snapshot["fields"], full.Result!["fields"]));
        Assert.True(JsonNode.DeepEquals(snapshot["views"], full.Result!["views"]));
        Assert.Equal("Deals", full.Result!["name"]!.GetValue<string>());
        Assert.Empty(bare.Result!["views"]!.AsArray());
        Assert.DoesNotContain(bare.Result!["fields"]!.AsArray(), f => f!["systemFieldType"]!.GetValue<int>() != 0);
        Assert.Equal(21, bare.Result!["fields"]!.AsArray().Count);
    }

    [Fact]
    public async Task ListsGet_of_an_unknown_list_is_not_found()
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.GetAsync("api/services/app/Lists/Get?id=nope&expand=Fields");

        HttpStatus.Is(HttpStatusCode.NotFound, reply);
        Assert.False(reply.Success);
        Assert.Contains("nope", reply.ErrorMessage);
    }

    [Fact]
    public async Task A_replaced_snapshot_shows_in_ListsGet_and_its_new_field_is_writable()
    {
        await using var host = await TestEmulator.StartAsync();
        var snapshot = TestEmulator.Fixture("lists-get.companies.json");
        var fields = snapshot["result"]!["fields"]!.AsArray();
        fields[0]!["name"] = "Legal Name";
        fields.Add(new JsonObject { ["id"] = 3416299, ["name"] = "Region", ["dataType"] = 0, ["listId"] = Ids.Companies });

        var listId = host.Emulator.ReplaceListSnapshot(snapshot.ToJsonString());
        var reply = await host.GetAsync($"api/services/app/Lists/Get?id={Ids.Companies}&expand=Fields");
        var created = await host.CreateAsync(Ids.Companies, new JsonObject { [Ids.CompanyName] = "Acme", ["3416299"] = "EMEA" });

        Assert.Equal(Ids.Companies, listId);
        var names = reply.Result!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Legal Name", names);
        Assert.Contains("Region", names);
        Assert.True(created.Success, created.ErrorMessage);
        Assert.Equal("EMEA", created.Record["3416299"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_admin_endpoint_replaces_a_snapshot_with_the_api_key_only()
    {
        await using var host = await TestEmulator.StartAsync();
        var snapshot = TestEmulator.Fixture("lists-get.companies.json");
        snapshot["result"]!["name"] = "Accounts";

        var accepted = await host.PostAsync("_emulator/lists", snapshot);
        var listed = await host.GetAsync($"api/services/app/Lists/Get?id={Ids.Companies}");
        using var anonymous = TestEmulator.NewClient(host.Emulator);
        using var refused = await anonymous.PostAsync("_emulator/lists", new StringContent(snapshot.ToJsonString()));
        var notASnapshot = await host.PostAsync("_emulator/lists", new JsonObject { ["hello"] = 1 });

        Assert.True(accepted.Success, accepted.ErrorMessage);
        Assert.Equal("Accounts", listed.Result!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        HttpStatus.Is(HttpStatusCode.BadRequest, notASnapshot);
    }

    [Fact]
    public async Task Session_reports_the_api_key_user_and_tenant()
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.GetAsync("api/services/app/Session/GetCurrentLoginInformations");

        Assert.True(reply.Success);
        Assert.Equal(109725, reply.Result!["user"]!["id"]!.GetValue<long>());
        Assert.Equal("Fadi", reply.Result!["user"]!["name"]!.GetValue<string>());
        Assert.Equal("Alsayed", reply.Result!["user"]!["surname"]!.GetValue<string>());
        Assert.Equal("default", reply.Result!["tenant"]!["tenancyName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_paths_and_wrong_methods_get_enveloped_errors()
    {
        await using var host = await TestEmulator.StartAsync();

        var unknown = await host.GetAsync("api/services/app/Data/Frobnicate");
        var wrongMethod = await host.GetAsync("api/services/app/Data/Create?listId=" + Ids.Deals);

        HttpStatus.Is(HttpStatusCode.NotFound, unknown);
        HttpStatus.Is(HttpStatusCode.MethodNotAllowed, wrongMethod);
        Assert.False(wrongMethod.Success);
        Assert.Contains("POST", wrongMethod.ErrorMessage);
    }

    [Fact]
    public async Task Paths_match_without_regard_to_case()
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.GetAsync("API/services/APP/apps/getall");
        Assert.True(reply.Success);
    }

    [Fact]
    public async Task A_named_file_that_is_not_a_snapshot_fails_the_start_clearly()
    {
        var error = await Assert.ThrowsAsync<SnapshotException>(() =>
            WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = [TestEmulator.FixturePath("data-create.request.deals.json")] }));
        Assert.Contains("data-create.request.deals.json", error.Message);
    }

    [Fact]
    public async Task The_emulator_listens_on_loopback_only()
    {
        await using var host = await TestEmulator.StartAsync();
        Assert.Equal("127.0.0.1", host.Emulator.BaseAddress.Host);
        Assert.NotEqual(0, host.Emulator.BaseAddress.Port);
    }
}
