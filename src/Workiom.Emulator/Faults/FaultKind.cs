namespace Workiom.Emulator.Faults;

/// <summary>What goes wrong with a call a fault is queued for.</summary>
public enum FaultKind
{
    /// <summary>HTTP 429 with a Retry-After header; the call is not processed.</summary>
    TooManyRequests,

    /// <summary>A 5xx status (<see cref="EmulatorFault.StatusCode"/>, default 503); the call is not processed.</summary>
    ServerError,

    /// <summary>Waits <see cref="EmulatorFault.Delay"/> before processing the call, then answers normally.</summary>
    SlowReply,

    /// <summary>
    /// The call is processed first (a create stores its record), then the reply waits <see cref="EmulatorFault.Delay"/>.
    /// A client that gives up meanwhile has changed Workiom all the same.
    /// </summary>
    SlowReplyAfterProcessing,

    /// <summary>The connection is aborted before the call is processed.</summary>
    DropConnection,

    /// <summary>HTTP 200 with <c>success:false</c>; the call is not processed.</summary>
    UnsuccessfulReply,

    /// <summary>The call is processed, but the reply body is cut in the middle of its JSON.</summary>
    TruncatedBody,

    /// <summary>The call is processed (a create stores its record), then the connection is aborted.</summary>
    DropConnectionAfterProcessing,

    /// <summary>The call is processed (a create stores its record), then a 5xx status is returned instead of the reply.</summary>
    ServerErrorAfterProcessing,

    /// <summary>
    /// HTTP 400 with <c>success:false</c> whose message, details and validation errors (messages and
    /// members) repeat the credentials the call carried (the <c>X-Api-Key</c>, the bearer token, a
    /// <c>password</c> in the body), as a careless or hostile server might; the call is not processed.
    /// </summary>
    EchoCredentials,

    /// <summary>
    /// A redirect (<see cref="EmulatorFault.StatusCode"/>, 3xx) to <see cref="EmulatorFault.RedirectTo"/>;
    /// the call is not processed. Make one with <see cref="EmulatorFault.Redirect"/>.
    /// </summary>
    Redirect,
}
