using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workiom.Generators.Tests.Infrastructure;

/// <summary>
/// The Deals and Companies snapshots as a second tenant has them: the same lists installed from a template,
/// with every list, app, field, option and view id changed (field and view ids + 1,000,000, option ids
/// prefixed "env-"), so that a match can only come from names.
/// </summary>
public static class EnvironmentFixtures
{
    public const string StagingDealsListId = "e0000000-0000-0000-0000-00000000dea1";
    public const string StagingCompaniesListId = "e0000000-0000-0000-0000-0000000c0a11";
    public const string StagingAppId = "e0000000-0000-0000-0000-0000000000a9";

    public static SnapshotFile Deals(string environment = "staging", Action<JsonObject>? edit = null, string? path = null) =>
        new(path ?? "/repo/schemas/" + environment + "/deals.json", Move(Fixtures.Read("lists-get.deals.json"), StagingDealsListId, edit), Environment: environment);

    public static SnapshotFile Companies(string environment = "staging", Action<JsonObject>? edit = null, string? path = null) =>
        new(path ?? "/repo/schemas/" + environment + "/companies.json", Move(Fixtures.Read("lists-get.companies.json"), StagingCompaniesListId, edit), Environment: environment);

    public static SnapshotFile Map(string json, string environment = "staging", string? path = null) =>
        new(path ?? "/repo/schemas/" + environment + "/workiom-map.json", json, Environment: environment);

    /// <summary>The list of a snapshot document (its <c>result</c>).</summary>
    public static JsonObject List(JsonObject document) => (JsonObject)document["result"]!;

    /// <summary>The field named <paramref name="name"/> of a snapshot's list.</summary>
    public static JsonObject Field(JsonObject list, string name) =>
        list["fields"]!.AsArray().Select(f => f!.AsObject()).Single(f => (string?)f["name"] == name);

    private static string Move(string text, string listId, Action<JsonObject>? edit)
    {
        var document = JsonNode.Parse(text)!.AsObject();
        var list = List(document);
        list["id"] = listId;
        list["appId"] = StagingAppId;
        foreach (var field in list["fields"]!.AsArray().Select(f => f!.AsObject()))
        {
            field["id"] = (int)field["id"]! + 1_000_000;
            field["listId"] = listId;
            if (field["staticListValues"] is JsonArray options)
            {
                foreach (var option in options.Select(o => o!.AsObject()))
                {
                    option["id"] = "env-" + (string)option["id"]!;
                }
            }
        }

        if (list["views"] is JsonArray views)
        {
            foreach (var view in views.Select(v => v!.AsObject()))
            {
                view["id"] = (int)view["id"]! + 1_000_000;
            }
        }

        edit?.Invoke(list);
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
