using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Workiom.Emulator.Http;

/// <summary>Who may call an endpoint; every endpoint of the emulator carries one as metadata.</summary>
internal enum ApiAccess
{
    /// <summary>Anyone: logging in and tenant discovery.</summary>
    Anonymous,

    /// <summary>A caller with the API key or a live bearer token.</summary>
    Caller,

    /// <summary>The emulator's own administration: the API key only.</summary>
    Admin,
}

/// <summary>The endpoint metadata that holds an <see cref="ApiAccess"/>; the most specific one wins.</summary>
internal sealed record ApiAccessMetadata(ApiAccess Access);

internal static class ApiAccessExtensions
{
    private static readonly object CallerKey = new();

    /// <summary>Sets who may call the endpoints built by <paramref name="builder"/>.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, ApiAccess access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessMetadata(access));

    /// <summary>The access the matched endpoint asks for, or null when no emulator endpoint matched.</summary>
    public static ApiAccess? RequiredAccess(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ApiAccessMetadata>()?.Access;

    /// <summary>The user the authentication filter accepted for this call (null on anonymous endpoints).</summary>
    public static EmulatorUser? Caller(this HttpContext context) => context.Items[CallerKey] as EmulatorUser;

    /// <summary>The user a caller endpoint runs as; the authentication filter guarantees there is one.</summary>
    public static EmulatorUser RequireCaller(this HttpContext context) =>
        context.Caller() ?? throw new InvalidOperationException("The endpoint needs an authenticated caller.");

    public static void SetCaller(this HttpContext context, EmulatorUser user) => context.Items[CallerKey] = user;
}
