using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workiom.Emulator.Records;
using Workiom.Emulator.Http.Endpoints;
using Workiom.Emulator.Webhooks;

namespace Workiom.Emulator.Http;

/// <summary>
/// The composition root of the emulator's HTTP side: the middleware every call passes, then one route group
/// per Workiom service. Paths match without regard to case, as ABP's do.
/// </summary>
internal static class EmulatorApi
{
    /// <summary>The prefix of ABP's application services.</summary>
    public const string AppServices = "/api/services/app";

    public static void MapEmulatorApi(this WebApplication app, EmulatorState state, EmulatorWebhooks webhooks)
    {
        app.Use(ApiMiddleware.ReplyAsDataAsync);
        app.Use(ApiMiddleware.CheckHost(state.Hosts));
        app.Use(ApiMiddleware.TrimTrailingSlashAsync);
        app.UseRouting();
        app.Use(ApiMiddleware.AnswerUnmatchedAsync);

        // To add a service: one line here and a static Map method that maps its endpoints on the group.
        TokenAuthEndpoints.Map(app.MapService("/api/TokenAuth", state), state);
        AccountEndpoints.Map(app.MapService(AppServices + "/Account", state), state);
        SessionEndpoints.Map(app.MapService(AppServices + "/Session", state));
        AppsEndpoints.Map(app.MapService(AppServices + "/Apps", state), state);
        ListsEndpoints.Map(app.MapService(AppServices + "/Lists", state), state);
        DataEndpoints.Map(app.MapService(AppServices + "/Data", state), state, [.. app.Services.GetServices<IRecordWriteObserver>()]);
        WebhookSubscriptionEndpoints.Map(app.MapService(AppServices + "/WebhookSubscription", state), state, webhooks);
        FileEndpoints.Map(app.MapService("/File", state), state);
        EmulatorAdminEndpoints.Map(app.MapService("/_emulator", state).RequireAccess(ApiAccess.Admin), state);
    }

    /// <summary>
    /// A route group for one service: its endpoints need a caller unless they say otherwise, and run behind
    /// authentication, fault injection and the mapping of exceptions to ABP's envelope, in that order.
    /// </summary>
    public static RouteGroupBuilder MapService(this IEndpointRouteBuilder routes, string prefix, EmulatorState state)
    {
        var group = routes.MapGroup(prefix).RequireAccess(ApiAccess.Caller);
        group.AddEndpointFilter(new AuthenticationFilter(state));
        group.AddEndpointFilter(new FaultFilter(state));
        group.AddEndpointFilter(new ApiErrorFilter());
        return group;
    }

    /// <summary>Maps one endpoint: a handler of the whole call that answers with an <see cref="ApiReply"/>.</summary>
    public static RouteHandlerBuilder MapApi(this RouteGroupBuilder group, string method, string pattern, Func<HttpContext, Task<ApiReply>> handler) =>
        // As Delegate: a Func returning a Task also converts to RequestDelegate, which would skip the filters.
        group.MapMethods(pattern, [method], (Delegate)handler);

    /// <summary>Maps one endpoint whose reply needs no waiting.</summary>
    public static RouteHandlerBuilder MapApi(this RouteGroupBuilder group, string method, string pattern, Func<HttpContext, ApiReply> handler) =>
        group.MapApi(method, pattern, context => Task.FromResult(handler(context)));
}
