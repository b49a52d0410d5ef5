using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary><c>Apps</c>: the apps of the served lists, with their lists and primary fields on request.</summary>
internal static class AppsEndpoints
{
    public static void Map(RouteGroupBuilder group, EmulatorState state)
    {
        group.MapApi(HttpMethods.Get, "/GetAll", context => GetAll(context, state));
    }

    private static ApiReply GetAll(HttpContext context, EmulatorState state)
    {
        var catalog = state.Catalog;
        var withLists = string.Equals(context.Request.Query["withListsAndMainFields"], "true", StringComparison.OrdinalIgnoreCase);
        var items = new JsonArray();
        foreach (var app in catalog.Apps)
        {
            var item = new JsonObject
            {
                ["id"] = app.Id,
                ["name"] = app.Name,
                ["description"] = app.Description,
                ["icon"] = app.Icon,
            };
            if (withLists)
            {
                item["lists"] = new JsonArray(catalog.Lists.Where(l => string.Equals(l.AppId, app.Id, StringComparison.OrdinalIgnoreCase)).Select(l => (JsonNode)new JsonObject
                {
                    ["id"] = l.Id,
                    ["appId"] = l.AppId,
                    ["name"] = l.Name,
                    ["description"] = l.Snapshot["description"]?.DeepClone(),
                    ["icon"] = l.Snapshot["icon"]?.DeepClone(),
                    ["fields"] = new JsonArray(l.Fields.Where(f => f.IsPrimary).Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["listId"] = l.Id, ["name"] = f.Name }).ToArray()),
                }).ToArray());
            }

            items.Add(item);
        }

        return ApiReply.Success(new JsonObject { ["totalCount"] = items.Count, ["items"] = items });
    }
}
