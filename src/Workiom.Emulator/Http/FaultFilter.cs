using System.Globalization;
using Microsoft.AspNetCore.Http;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Faults;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Http;

/// <summary>
/// Applies the next queued fault for the call's path: before the endpoint runs (refuse, drop, delay, echo
/// credentials, redirect) or after it has run (delay, drop, replace or cut the reply). Administration
/// endpoints take no faults.
/// </summary>
internal sealed class FaultFilter(EmulatorState state) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var fault = http.RequiredAccess() == ApiAccess.Admin ? null : state.Faults.TakeFor(http.Request.Path.Value ?? "");
        switch (fault?.Kind)
        {
            case FaultKind.TooManyRequests:
                var seconds = Math.Max(0, (int)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ApiReply.Failure(new ApiError(429, "Too many requests (injected fault)."), headers: [new("Retry-After", seconds)]);
            case FaultKind.ServerError:
                return ApiReply.Failure(new ApiError(fault.StatusCode, "An internal error occurred (injected fault)."));
            case FaultKind.DropConnection:
                http.Abort();
                return Results.Empty;
            case FaultKind.UnsuccessfulReply:
                return ApiReply.Failure(new ApiError(200, "The request failed (injected fault)."));
            case FaultKind.SlowReply:
                await Task.Delay(fault.Delay, http.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.EchoCredentials:
                return ApiReply.Failure(await EchoCredentialsAsync(http).ConfigureAwait(false));
            case FaultKind.Redirect:
                http.Response.StatusCode = fault.StatusCode;
                http.Response.Headers.Location = fault.RedirectTo!.AbsoluteUri;
                http.Response.ContentLength = 0;
                return Results.Empty;
        }

        var result = await next(context).ConfigureAwait(false);
        if (fault is null || result is not ApiReply reply)
        {
            return result;
        }

        switch (fault.Kind)
        {
            case FaultKind.SlowReplyAfterProcessing:
                await Task.Delay(fault.Delay, http.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.DropConnectionAfterProcessing:
                http.Abort();
                return Results.Empty;
            case FaultKind.ServerErrorAfterProcessing:
                return ApiReply.Failure(new ApiError(fault.StatusCode, "An internal error occurred after the request was processed (injected fault)."));
            case FaultKind.TruncatedBody:
                // A valid start and a cut end, with no Content-Length to warn the client in advance.
                http.Response.StatusCode = reply.StatusCode;
                http.Response.ContentType = reply.ContentType;
                await http.Response.Body.WriteAsync(reply.Body.AsMemory(0, Math.Max(1, reply.Body.Length / 2)), http.RequestAborted).ConfigureAwait(false);
                return Results.Empty;
        }

        return reply;
    }

    /// <summary>An error that repeats every credential the call carried, in each place an ABP error has text.</summary>
    private async Task<ApiError> EchoCredentialsAsync(HttpContext context)
    {
        var echoed = new List<string>();
        var key = context.Request.Headers["X-Api-Key"].ToString();
        if (key.Length > 0)
        {
            echoed.Add(key);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            echoed.Add(authorization["Bearer ".Length..].Trim());
        }

        if (context.Request.HasJsonContentType())
        {
            try
            {
                if (JsonRead.String(await ApiRequest.ReadJsonObjectAsync(context, state.Options.MaxJsonBodyBytes).ConfigureAwait(false), "password") is { Length: > 0 } password)
                {
                    echoed.Add(password);
                }
            }
            catch (ApiError)
            {
                // No readable body, so no password to repeat.
            }
        }

        string all = string.Join(" | ", echoed);
        return new ApiError(
            400,
            $"The request was refused; it carried {all} (injected fault).",
            "Credentials received: " + all,
            [.. echoed.Select(credential => new ValidationIssue("Not accepted: " + credential, [credential]))]);
    }
}
