using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Workiom.Emulator.Errors;

namespace Workiom.Emulator.Http;

/// <summary>
/// Checks the credentials an endpoint's <see cref="ApiAccess"/> asks for: the API key (X-Api-Key) or a live
/// bearer token for callers, the API key alone for administration. A refusal is ABP's 401 envelope.
/// </summary>
internal sealed class AuthenticationFilter(EmulatorState state) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var access = context.HttpContext.RequiredAccess() ?? ApiAccess.Caller;
        if (access != ApiAccess.Anonymous)
        {
            var caller = Authenticate(context.HttpContext, adminOnly: access == ApiAccess.Admin, out var refusal);
            if (caller is null)
            {
                return ApiReply.Failure(new ApiError(401, refusal), unauthorized: true);
            }

            context.HttpContext.SetCaller(caller);
        }

        return await next(context).ConfigureAwait(false);
    }

    private EmulatorUser? Authenticate(HttpContext context, bool adminOnly, out string refusal)
    {
        var key = context.Request.Headers["X-Api-Key"].ToString();
        if (key.Length > 0)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(state.Options.ApiKey)))
            {
                refusal = "";
                return state.Options.Users.FirstOrDefault() ?? EmulatorUser.Default;
            }

            refusal = "The API key is not valid.";
            return null;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!adminOnly && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            switch (state.Tokens.Check(token, out var user))
            {
                case TokenStore.Outcome.Valid:
                    refusal = "";
                    return user;
                case TokenStore.Outcome.Expired:
                    refusal = "The access token has expired: authenticate again.";
                    return null;
                default:
                    refusal = "The access token is not valid.";
                    return null;
            }
        }

        refusal = adminOnly
            ? "Emulator administration needs the X-Api-Key header."
            : "Current user did not login to the application! Send X-Api-Key or Authorization: Bearer <token>.";
        return null;
    }
}
