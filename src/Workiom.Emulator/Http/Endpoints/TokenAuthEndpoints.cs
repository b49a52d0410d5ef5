using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary><c>/api/TokenAuth</c>: logging in with a user name and password for a bearer token.</summary>
internal static class TokenAuthEndpoints
{
    public static void Map(RouteGroupBuilder group, EmulatorState state)
    {
        group.MapApi(HttpMethods.Post, "/Authenticate", context => AuthenticateAsync(context, state)).RequireAccess(ApiAccess.Anonymous);
    }

    private static async Task<ApiReply> AuthenticateAsync(HttpContext context, EmulatorState state)
    {
        var options = state.Options;
        var body = await ApiRequest.ReadJsonObjectAsync(context, options.MaxJsonBodyBytes).ConfigureAwait(false);
        var tenant = JsonRead.String(body, "tenantName") ?? JsonRead.String(body, "tenancyName");
        var login = JsonRead.String(body, "userNameOrEmailAddress");
        var password = JsonRead.String(body, "password");
        var user = options.Users.FirstOrDefault(u =>
            (tenant is null || string.Equals(u.TenantName, tenant, StringComparison.OrdinalIgnoreCase))
            && (string.Equals(u.UserName, login, StringComparison.OrdinalIgnoreCase) || string.Equals(u.EmailAddress, login, StringComparison.OrdinalIgnoreCase))
            && string.Equals(u.Password, password, StringComparison.Ordinal));
        if (user is null)
        {
            return ApiReply.Failure(new ApiError(401, "Login failed: invalid tenant, user name or password."), unauthorized: true);
        }

        var lifetime = options.TokenLifetime;
        var token = state.Tokens.Issue(user, lifetime);
        return ApiReply.Success(new JsonObject
        {
            ["accessToken"] = token,
            ["encryptedAccessToken"] = token,
            ["expireInSeconds"] = (long)lifetime.TotalSeconds,
            ["userId"] = user.Id,
        });
    }
}
