using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Faults;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary><c>/_emulator</c>: the emulator's own administration (faults, list snapshots), API key only.</summary>
internal sealed class EmulatorAdminEndpoints(EmulatorState state)
{
    public static void Map(RouteGroupBuilder group, EmulatorState state)
    {
        var admin = new EmulatorAdminEndpoints(state);
        group.MapApi(HttpMethods.Post, "/faults", admin.AddFaultAsync);
        group.MapApi(HttpMethods.Get, "/faults", _ => admin.FaultStatus());
        group.MapApi(HttpMethods.Delete, "/faults", _ =>
        {
            state.Faults.Clear();
            return admin.FaultStatus();
        });
        group.MapApi(HttpMethods.Post, "/lists", admin.ReplaceListAsync);
    }

    private async Task<ApiReply> AddFaultAsync(HttpContext context)
    {
        var body = await ApiRequest.ReadJsonObjectAsync(context, state.Options.MaxJsonBodyBytes).ConfigureAwait(false);
        var kindText = JsonRead.String(body, "kind") ?? throw ApiError.BadRequest("A fault needs a 'kind'.");
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw ApiError.BadRequest($"Unknown fault kind '{kindText}': use one of {string.Join(", ", Enum.GetNames<FaultKind>())}.");
        }

        try
        {
            state.Faults.Enqueue(new EmulatorFault(
                JsonRead.String(body, "path"),
                kind,
                JsonRead.Decimal(JsonRead.Get(body, "retryAfterSeconds")) is decimal retry ? TimeSpan.FromSeconds((double)retry) : null,
                (int)(JsonRead.Long(body, "statusCode") ?? (kind == FaultKind.Redirect ? 302 : 503)),
                JsonRead.Long(body, "delayMilliseconds") is long delay ? TimeSpan.FromMilliseconds(delay) : null,
                (int)(JsonRead.Long(body, "times") ?? 1),
                Uri.TryCreate(JsonRead.String(body, "redirectTo"), UriKind.Absolute, out var redirectTo) ? redirectTo : null));
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw ApiError.BadRequest(ex.Message);
        }

        return FaultStatus();
    }

    private ApiReply FaultStatus() => ApiReply.Success(new JsonObject { ["pending"] = state.Faults.Pending, ["fired"] = state.Faults.Fired });

    private async Task<ApiReply> ReplaceListAsync(HttpContext context)
    {
        var bytes = await ApiRequest.ReadBodyAsync(context, state.Options.MaxJsonBodyBytes).ConfigureAwait(false);
        try
        {
            var list = state.Catalog.Put(Encoding.UTF8.GetString(bytes));
            return ApiReply.Success(new JsonObject { ["id"] = list.Id, ["name"] = list.Name, ["fieldCount"] = list.Fields.Count });
        }
        catch (SnapshotException ex)
        {
            throw ApiError.BadRequest(ex.Message);
        }
    }
}
