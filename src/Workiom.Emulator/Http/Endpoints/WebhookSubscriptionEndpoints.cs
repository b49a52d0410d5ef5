using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Webhooks;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary>
/// <c>WebhookSubscription/AddSubscription</c> and <c>WebhookSubscription/DeleteSubscription</c>: the routing layer
/// authenticates the caller and reads the body; these check it and answer in ABP's envelope.
/// </summary>
internal sealed class WebhookSubscriptionEndpoints(SnapshotCatalog catalog, EmulatorWebhooks webhooks)
{
    public static void Map(RouteGroupBuilder group, EmulatorState state, EmulatorWebhooks webhooks)
    {
        var endpoints = new WebhookSubscriptionEndpoints(state.Catalog, webhooks);
        group.MapApi(HttpMethods.Post, "/AddSubscription", async context =>
            endpoints.AddSubscription(await ApiRequest.ReadJsonObjectAsync(context, state.Options.MaxJsonBodyBytes).ConfigureAwait(false)));
        group.MapApi(HttpMethods.Delete, "/DeleteSubscription", context =>
            endpoints.DeleteSubscription(context.Request.Query["subscriptionId"].ToString()));
    }

    /// <summary>POST AddSubscription <c>{appId, listId, name, isActive, webHook, eventType}</c> → <c>{id}</c>.</summary>
    public ApiReply AddSubscription(JsonObject body)
    {
        var listId = JsonRead.String(body, "listId");
        if (string.IsNullOrEmpty(listId))
        {
            throw ApiError.Validation([new ValidationIssue("The 'listId' of the subscription is required.", ["listId"])]);
        }

        var list = catalog.Find(listId) ?? throw ApiError.NotFound($"There is no list with id '{listId}'.");
        var issues = new List<ValidationIssue>();

        var appId = JsonRead.String(body, "appId");
        if (!string.IsNullOrEmpty(appId) && list.AppId.Length > 0 && !string.Equals(appId, list.AppId, StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(new ValidationIssue($"List '{list.Name}' is not in app '{appId}'.", ["appId"]));
        }

        var hook = JsonRead.String(body, "webHook");
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(hook))
        {
            issues.Add(new ValidationIssue("The 'webHook' URL of the subscription is required.", ["webHook"]));
        }
        else if (webhooks.Refusal(Uri.TryCreate(hook.Trim(), UriKind.Absolute, out var parsed) ? parsed : null) is { } refusal)
        {
            issues.Add(new ValidationIssue(refusal, ["webHook"]));
        }
        else
        {
            url = parsed;
        }

        var eventNode = JsonRead.Get(body, "eventType");
        WebhookEvent? @event = JsonRead.Long(eventNode) switch
        {
            0 => WebhookEvent.Created,
            1 => WebhookEvent.Updated,
            _ => null,
        };
        if (@event is null)
        {
            issues.Add(new ValidationIssue(
                JsonRead.IsNull(eventNode)
                    ? "The 'eventType' of the subscription is required: 0 (created) or 1 (updated)."
                    : $"The 'eventType' must be 0 (created) or 1 (updated), got {eventNode!.ToJsonString()}.",
                ["eventType"]));
        }

        var activeNode = JsonRead.Get(body, "isActive");
        var isActive = JsonRead.IsNull(activeNode) || JsonRead.Bool(activeNode) == true;
        if (!JsonRead.IsNull(activeNode) && JsonRead.Bool(activeNode) is null)
        {
            issues.Add(new ValidationIssue("'isActive' must be true or false.", ["isActive"]));
        }

        if (issues.Count > 0)
        {
            throw ApiError.Validation(issues);
        }

        var subscription = webhooks.Add(list, appId, JsonRead.String(body, "name") ?? "", url!, @event!.Value, isActive, []);
        return ApiReply.Success(new JsonObject { ["id"] = subscription.Id });
    }

    /// <summary>DELETE DeleteSubscription <c>?subscriptionId=</c> → <c>null</c>.</summary>
    public ApiReply DeleteSubscription(string? subscriptionId)
    {
        if (string.IsNullOrEmpty(subscriptionId))
        {
            throw ApiError.BadRequest("The 'subscriptionId' query parameter is required.");
        }

        return webhooks.Unsubscribe(subscriptionId)
            ? ApiReply.Success((JsonNode?)null)
            : throw ApiError.NotFound($"There is no webhook subscription with id '{subscriptionId}'.");
    }
}
