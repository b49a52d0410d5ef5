using Microsoft.AspNetCore.Http;
using Workiom.Emulator.Errors;

namespace Workiom.Emulator.Http;

/// <summary>The steps every call passes before and around routing.</summary>
internal static class ApiMiddleware
{
    /// <summary>
    /// Marks every reply as data (no browser may guess it is a page or a script) and stays silent when the
    /// client went away (or a slow-reply fault was abandoned): there is no one to answer.
    /// </summary>
    public static async Task ReplyAsDataAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    /// <summary>Refuses a call whose Host header is not loopback or an allowed name (DNS rebinding).</summary>
    public static Func<HttpContext, RequestDelegate, Task> CheckHost(HostCheck hosts) => (context, next) =>
    {
        if (hosts.Accepts(context.Request.Host))
        {
            return next(context);
        }

        var shown = context.Request.Host.Value ?? "";
        return ApiReply.Failure(ApiError.BadRequest(
            $"The emulator answers only to localhost, 127.0.0.0/8, [::1] and the names in AllowedHosts (--allow-host); the Host header was '{(shown.Length > 100 ? shown[..100] + "…" : shown)}'."))
            .ExecuteAsync(context);
    };

    /// <summary>Drops trailing '/' so <c>Data/All/</c> is <c>Data/All</c>, for routing and for fault paths alike.</summary>
    public static Task TrimTrailingSlashAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.EndsWith('/'))
        {
            context.Request.Path = new PathString(path.TrimEnd('/'));
        }

        return next(context);
    }

    /// <summary>
    /// Runs after routing: a path no endpoint serves gets ABP's 404 envelope, and a path served for other
    /// methods gets a 405 envelope naming them (routing's own 405 has no body).
    /// </summary>
    public static async Task AnswerUnmatchedAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not null && endpoint.Metadata.GetMetadata<ApiAccessMetadata>() is not null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "";
        if (endpoint?.RequestDelegate is { } rejection)
        {
            // Routing matched the path but not the method and chose its rejection endpoint, which sets the
            // status and the Allow header without writing: let it, then answer with the envelope.
            await rejection(context).ConfigureAwait(false);
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                await ApiReply.Failure(new ApiError(405, $"'{path}' takes {context.Response.Headers.Allow}, not {context.Request.Method}.")).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        await ApiReply.Failure(ApiError.NotFound($"There is no endpoint '{path}'.")).ExecuteAsync(context).ConfigureAwait(false);
    }
}
