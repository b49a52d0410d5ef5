using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary><c>Lists</c>: the served snapshots, as summaries or one list with the parts asked for.</summary>
internal static class ListsEndpoints
{
    public static void Map(RouteGroupBuilder group, EmulatorState state)
    {
        group.MapApi(HttpMethods.Get, "/GetAll", context => GetAll(context, state.Catalog));
        group.MapApi(HttpMethods.Get, "/Get", context => Get(context, state.Catalog));
    }

    private static ApiReply GetAll(HttpContext context, SnapshotCatalog catalog)
    {
        var appId = context.Request.Query["appId"].ToString();
        var items = new JsonArray();
        foreach (var list in catalog.Lists.Where(l => appId.Length == 0 || string.Equals(l.AppId, appId, StringComparison.OrdinalIgnoreCase)))
        {
            var summary = (JsonObject)list.Snapshot.DeepClone();
            summary["fields"] = new JsonArray();
            summary["views"] = new JsonArray();
            summary["filters"] = new JsonArray();
            items.Add(summary);
        }

        return ApiReply.Success(new JsonObject { ["totalCount"] = items.Count, ["items"] = items });
    }

    private static ApiReply Get(HttpContext context, SnapshotCatalog catalog)
    {
        var list = ApiRequest.RequireList(context, catalog, "id");
        var expand = context.Request.Query["expand"].SelectMany(e => (e ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var withSystemFields = string.Equals(context.Request.Query["includeSystemFields"], "true", StringComparison.OrdinalIgnoreCase);
        var result = (JsonObject)list.Snapshot.DeepClone();

        var fields = new JsonArray();
        if (expand.Contains("Fields") && result["fields"] is JsonArray all)
        {
            foreach (var field in all)
            {
                var isSystem = field is JsonObject f && (JsonRead.Int(f, "systemFieldType") != 0 || JsonRead.Bool(f, "isSystemField"));
                if (withSystemFields || !isSystem)
                {
                    fields.Add(field?.DeepClone());
                }
            }
        }

        result["fields"] = fields;
        if (!expand.Contains("Views"))
        {
            result["views"] = new JsonArray();
        }

        if (!expand.Contains("Filters"))
        {
            result["filters"] = new JsonArray();
        }

        return ApiReply.Success(result);
    }
}
