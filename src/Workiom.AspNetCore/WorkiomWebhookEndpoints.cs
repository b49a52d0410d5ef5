using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Net.Http.Headers;
using Workiom;
using Workiom.AspNetCore;
using Workiom.Schema;
using Workiom.Webhooks;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps endpoints that receive Workiom webhooks as typed records.</summary>
public static class WorkiomWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Receives the webhook deliveries of one list at <paramref name="pattern"/> with the default checks (JSON
    /// content type, at most 1 MiB, no secret); see the overload with options.
    /// </summary>
    /// <typeparam name="TRecord">The generated record type of the subscribed list.</typeparam>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route.</param>
    /// <param name="handler">Handles one delivery; the token is cancelled when the request is aborted.</param>
    /// <returns>The endpoint, to add conventions (authorization, rate limiting, ...).</returns>
    public static IEndpointConventionBuilder MapWorkiomWebhook<TRecord>(
        this IEndpointRouteBuilder endpoints, string pattern, Func<WorkiomWebhook<TRecord>, CancellationToken, Task> handler)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Map<TRecord>(endpoints, pattern, (hook, context) => handler(hook, context.RequestAborted), configure: null);
    }

    /// <summary>
    /// Receives the webhook deliveries of one list at <paramref name="pattern"/> with the default checks, giving the
    /// handler the request's <see cref="HttpContext"/>; see the overload with options.
    /// </summary>
    /// <typeparam name="TRecord">The generated record type of the subscribed list.</typeparam>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route.</param>
    /// <param name="handler">Handles one delivery.</param>
    /// <returns>The endpoint, to add conventions (authorization, rate limiting, ...).</returns>
    public static IEndpointConventionBuilder MapWorkiomWebhook<TRecord>(
        this IEndpointRouteBuilder endpoints, string pattern, Func<WorkiomWebhook<TRecord>, HttpContext, Task> handler)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Map(endpoints, pattern, handler, configure: null);
    }

    /// <summary>
    /// Receives the webhook deliveries of one list at <paramref name="pattern"/> (POST): checks the content type (415),
    /// the size (413), the shared secret and your own check (401), reads the body into <typeparamref name="TRecord"/>
    /// (400 with the reader's message when it cannot), runs <paramref name="handler"/> and answers 200. An exception
    /// of the handler answers 500, so Workiom delivers again.
    /// </summary>
    /// <typeparam name="TRecord">The generated record type of the subscribed list.</typeparam>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route.</param>
    /// <param name="handler">Handles one delivery; the token is cancelled when the request is aborted.</param>
    /// <param name="configure">Sets the checks (size limit, secret header, ...).</param>
    /// <returns>The endpoint, to add conventions (authorization, rate limiting, ...).</returns>
    public static IEndpointConventionBuilder MapWorkiomWebhook<TRecord>(
        this IEndpointRouteBuilder endpoints, string pattern, Func<WorkiomWebhook<TRecord>, CancellationToken, Task> handler,
        Action<WorkiomWebhookEndpointOptions> configure)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(configure);
        return Map<TRecord>(endpoints, pattern, (hook, context) => handler(hook, context.RequestAborted), configure);
    }

    /// <summary>
    /// Receives the webhook deliveries of one list at <paramref name="pattern"/>, as
    /// <see cref="MapWorkiomWebhook{TRecord}(IEndpointRouteBuilder, string, Func{WorkiomWebhook{TRecord}, CancellationToken, Task}, Action{WorkiomWebhookEndpointOptions})"/>
    /// does, with the request's <see cref="HttpContext"/> for the handler (its services, its
    /// <see cref="HttpContext.RequestAborted"/> token).
    /// </summary>
    /// <typeparam name="TRecord">The generated record type of the subscribed list.</typeparam>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route.</param>
    /// <param name="handler">Handles one delivery.</param>
    /// <param name="configure">Sets the checks (size limit, secret header, ...).</param>
    /// <returns>The endpoint, to add conventions (authorization, rate limiting, ...).</returns>
    public static IEndpointConventionBuilder MapWorkiomWebhook<TRecord>(
        this IEndpointRouteBuilder endpoints, string pattern, Func<WorkiomWebhook<TRecord>, HttpContext, Task> handler,
        Action<WorkiomWebhookEndpointOptions> configure)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(configure);
        return Map(endpoints, pattern, handler, configure);
    }

    private static IEndpointConventionBuilder Map<TRecord>(
        IEndpointRouteBuilder endpoints, string pattern, Func<WorkiomWebhook<TRecord>, HttpContext, Task> handler,
        Action<WorkiomWebhookEndpointOptions>? configure)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var options = new WorkiomWebhookEndpointOptions();
        configure?.Invoke(options);
        options.Validate();
        var receiver = new WebhookReceiver<TRecord>(options, EnvironmentOf<TRecord>(options.Environment), handler);
        return endpoints.MapPost(pattern, receiver.HandleAsync);
    }

    /// <summary>The list's environment of that name; null for the primary one.</summary>
    private static WorkiomListEnvironment? EnvironmentOf<TRecord>(string? name)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        if (name is null || name.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var environments = TRecord.WorkiomEnvironments;
        foreach (var environment in environments)
        {
            if (environment.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return environment;
            }
        }

        throw new WorkiomEnvironmentException(
            "The list " + TRecord.WorkiomListName + " has no environment '" + name + "'; it has " +
            (environments.Count == 0 ? "none but the primary one" : string.Join(", ", environments.Select(e => "'" + e.Name + "'"))) + ".");
    }
}

/// <summary>One mapped webhook endpoint: its options, fixed when it was mapped, and its handler.</summary>
internal sealed class WebhookReceiver<TRecord>
    where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
{
    private readonly long _maxBodyBytes;
    private readonly bool _requireJson;
    private readonly string? _secretHeader;
    private readonly byte[]? _secretHash;
    private readonly Func<HttpContext, ReadOnlyMemory<byte>, bool>? _verify;
    private readonly Func<WorkiomWebhook<TRecord>, HttpContext, Task> _handler;
    private readonly WorkiomListEnvironment? _environment;

    public WebhookReceiver(WorkiomWebhookEndpointOptions options, WorkiomListEnvironment? environment, Func<WorkiomWebhook<TRecord>, HttpContext, Task> handler)
    {
        _environment = environment;
        _maxBodyBytes = options.MaxBodyBytes;
        _requireJson = options.RequireJsonContentType;
        _secretHeader = options.SecretHeaderName;
        _secretHash = options.Secret is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Secret));
        _verify = options.Verify;
        _handler = handler;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Workiom.AspNetCore.WorkiomWebhook") ?? NullLogger.Instance;
        var request = context.Request;
        if (_requireJson && !IsJson(request.ContentType))
        {
            WebhookLog.Refused(logger, TRecord.WorkiomListName, StatusCodes.Status415UnsupportedMediaType, "the body is not declared JSON");
            await RespondAsync(context, StatusCodes.Status415UnsupportedMediaType, "A Workiom webhook body must be JSON (Content-Type: application/json).").ConfigureAwait(false);
            return;
        }

        if (_secretHash is not null && !SecretMatches(request.Headers[_secretHeader!]))
        {
            // The header's name is configuration; its value is never logged or echoed.
            WebhookLog.Refused(logger, TRecord.WorkiomListName, StatusCodes.Status401Unauthorized, "the shared-secret header is missing or wrong");
            await RespondAsync(context, StatusCodes.Status401Unauthorized, "The webhook's shared secret is missing or wrong.").ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > _maxBodyBytes)
        {
            WebhookLog.Refused(logger, TRecord.WorkiomListName, StatusCodes.Status413PayloadTooLarge, "the body is larger than MaxBodyBytes");
            await RespondAsync(context, StatusCodes.Status413PayloadTooLarge, "The webhook body is larger than this endpoint accepts.").ConfigureAwait(false);
            return;
        }

        var body = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)Math.Min(length, _maxBodyBytes) : 4096);
        if (!await ReadBodyAsync(request.Body, body, context.RequestAborted).ConfigureAwait(false))
        {
            WebhookLog.Refused(logger, TRecord.WorkiomListName, StatusCodes.Status413PayloadTooLarge, "the body is larger than MaxBodyBytes");
            await RespondAsync(context, StatusCodes.Status413PayloadTooLarge, "The webhook body is larger than this endpoint accepts.").ConfigureAwait(false);
            return;
        }

        if (_verify is not null && !_verify(context, body.WrittenMemory))
        {
            WebhookLog.Refused(logger, TRecord.WorkiomListName, StatusCodes.Status401Unauthorized, "the Verify check refused the delivery");
            await RespondAsync(context, StatusCodes.Status401Unauthorized, "The webhook delivery did not pass verification.").ConfigureAwait(false);
            return;
        }

        WorkiomWebhook<TRecord> hook;
        try
        {
            hook = WorkiomWebhookReader.Read<TRecord>(body.WrittenSpan, WorkiomWebhookReader.EventFromQuery(request.QueryString.Value), _environment);
        }
        catch (WorkiomWebhookFormatException exception)
        {
            WebhookLog.Malformed(logger, TRecord.WorkiomListName, exception.Message);
            await RespondAsync(context, StatusCodes.Status400BadRequest, exception.Message).ConfigureAwait(false);
            return;
        }

        if (hook.UnmatchedKeys.Count > 0 || hook.AmbiguousKeys.Count > 0)
        {
            // Key names only (field names of the list), never values.
            WebhookLog.KeysNotMatched(logger, TRecord.WorkiomListName, ShownKeys(hook.UnmatchedKeys), ShownKeys(hook.AmbiguousKeys));
        }

        await _handler(hook, context).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// Keys as the log shows them: the sender chooses them, so each is quoted with its control and line-breaking
    /// characters escaped (no forged log lines) and cut at 64 characters, and at most 20 are listed.
    /// </summary>
    internal static string ShownKeys(IReadOnlyList<string> keys)
    {
        const int MaxKeys = 20, MaxLength = 64;
        var builder = new StringBuilder();
        for (int i = 0; i < keys.Count && i < MaxKeys; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            string key = keys[i];
            builder.Append('"');
            foreach (char c in key.Length > MaxLength ? key.AsSpan(0, MaxLength) : key.AsSpan())
            {
                if (char.IsControl(c) || c is '\u2028' or '\u2029' or '"' or '\\')
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }

            builder.Append(key.Length > MaxLength ? "…\"" : "\"");
        }

        if (keys.Count > MaxKeys)
        {
            builder.Append(", and ").Append(keys.Count - MaxKeys).Append(" more");
        }

        return builder.ToString();
    }

    private bool SecretMatches(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } value)
        {
            return false;
        }

        // Hashes of equal length, compared in constant time: neither the secret's bytes nor its length leak.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(value)), _secretHash);
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } media)
        {
            return false;
        }

        if (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !parsed.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads the body into <paramref name="buffer"/>; false as soon as it is larger than the limit.</summary>
    private async Task<bool> ReadBodyAsync(Stream body, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            int read = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return true;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > _maxBodyBytes)
            {
                return false;
            }
        }
    }

    private static Task RespondAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}

/// <summary>What the webhook endpoints log: list names, status codes, key names; never values, bodies or secrets.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Workiom webhook for the list {ListName} refused with {StatusCode}: {Reason}.")]
    public static partial void Refused(ILogger logger, string listName, int statusCode, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Workiom webhook for the list {ListName} refused with 400: {Problem}")]
    public static partial void Malformed(ILogger logger, string listName, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Workiom webhook for the list {ListName}: payload keys that match no field: [{UnmatchedKeys}]; keys that match more than one: [{AmbiguousKeys}]. Their values are in the record's UnknownFields.")]
    public static partial void KeysNotMatched(ILogger logger, string listName, string unmatchedKeys, string ambiguousKeys);
}
