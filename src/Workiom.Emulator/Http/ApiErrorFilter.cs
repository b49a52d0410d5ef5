using Microsoft.AspNetCore.Http;
using Workiom.Emulator.Errors;

namespace Workiom.Emulator.Http;

/// <summary>
/// Turns whatever an endpoint throws into ABP's error envelope: an <see cref="ApiError"/> as itself, a body
/// over Kestrel's limit as 413, an unreadable request as 400, anything else as 500. A call the client
/// abandoned is not answered.
/// </summary>
internal sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            return ApiReply.Failure(error);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiReply.Failure(new ApiError(413, "The request body is larger than the emulator accepts."));
        }
        catch (BadHttpRequestException ex)
        {
            return ApiReply.Failure(new ApiError(400, "The request could not be read: " + ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The service answers its own failures with the envelope too; clients must see one, not a bare 500.
            return ApiReply.Failure(new ApiError(500, "An internal error occurred in the emulator: " + ex.Message, ex.GetType().Name));
        }
    }
}
