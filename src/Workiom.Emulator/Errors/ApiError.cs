namespace Workiom.Emulator.Errors;

/// <summary>One entry of ABP's <c>validationErrors</c>: a message and the field ids it concerns.</summary>
internal sealed record ValidationIssue(string Message, IReadOnlyList<string> Members);

/// <summary>
/// A refusal the emulator answers with ABP's error envelope. Thrown by request handling and turned into a
/// reply at one place, so every refusal has the same shape.
/// </summary>
internal sealed class ApiError : Exception
{
    public ApiError(int statusCode, string message, string? details = null, IReadOnlyList<ValidationIssue>? validationErrors = null)
        : base(message)
    {
        StatusCode = statusCode;
        Details = details;
        ValidationErrors = validationErrors;
    }

    public int StatusCode { get; }
    public string? Details { get; }
    public IReadOnlyList<ValidationIssue>? ValidationErrors { get; }

    public static ApiError BadRequest(string message) => new(400, message);

    public static ApiError NotFound(string message) => new(404, message);

    public static ApiError Validation(IReadOnlyList<ValidationIssue> issues) =>
        new(400,
            issues.Count == 1 ? issues[0].Message : "Your request is not valid: " + string.Join(" ", issues.Select(i => i.Message)),
            string.Join(Environment.NewLine, issues.Select(i => i.Message)),
            issues);
}
