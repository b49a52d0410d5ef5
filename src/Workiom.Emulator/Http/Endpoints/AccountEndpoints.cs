using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary><c>Account</c>: shard discovery; every tenant of the emulator lives at the emulator's own address.</summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder group, EmulatorState state)
    {
        group.MapApi(HttpMethods.Post, "/IsTenantAvailable", context => TenantAvailableAsync(context, state)).RequireAccess(ApiAccess.Anonymous);
    }

    private static async Task<ApiReply> TenantAvailableAsync(HttpContext context, EmulatorState state)
    {
        var body = await ApiRequest.ReadJsonObjectAsync(context, state.Options.MaxJsonBodyBytes).ConfigureAwait(false);
        var tenancyName = JsonRead.String(body, "tenancyName");
        var known = state.Options.Users.Any(u => string.Equals(u.TenantName, tenancyName, StringComparison.OrdinalIgnoreCase));
        // ABP's TenantAvailabilityState: 1 Available, 3 NotFound.
        return ApiReply.Success(new JsonObject
        {
            ["state"] = known ? 1 : 3,
            ["tenantId"] = known ? 1 : null,
            ["serverRootAddress"] = known ? state.BaseAddress().ToString() : null,
            ["apiUrl"] = null,
        });
    }
}
