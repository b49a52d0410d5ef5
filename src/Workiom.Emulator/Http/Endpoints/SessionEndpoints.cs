using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary><c>Session</c>: who the caller is.</summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapApi(HttpMethods.Get, "/GetCurrentLoginInformations", context => SessionInfo(context.RequireCaller()));
    }

    private static ApiReply SessionInfo(EmulatorUser user)
    {
        var space = user.FullName.IndexOf(' ', StringComparison.Ordinal);
        return ApiReply.Success(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["id"] = user.Id,
                ["name"] = space < 0 ? user.FullName : user.FullName[..space],
                ["surname"] = space < 0 ? "" : user.FullName[(space + 1)..],
                ["userName"] = user.UserName,
                ["emailAddress"] = user.EmailAddress,
            },
            ["tenant"] = new JsonObject
            {
                ["id"] = 1,
                ["tenancyName"] = user.TenantName,
                ["name"] = user.TenantName,
            },
        });
    }
}
