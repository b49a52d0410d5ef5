using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workiom.Queries;
using Workiom.Repositories;

namespace Workiom.Http;

/// <summary>
/// The entry point to one Workiom tenant: repositories of its lists and its file storage.
/// Built by <c>AddWorkiom</c> through <c>IHttpClientFactory</c>, or directly with
/// <c>new WorkiomClient(options)</c>. Thread-safe.
/// </summary>
public sealed partial class WorkiomClient : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;
    private readonly IDisposable? _ownedTokenProvider;
    private readonly string _authentication;

    /// <summary>A client with its own connection pool and the standard retry pipeline. It never follows redirects.</summary>
    public WorkiomClient(WorkiomClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }, loggerFactory)
    {
    }

    /// <summary>
    /// A client over <paramref name="primaryHandler"/> (a proxy, a test handler), wrapped in the
    /// standard retry pipeline. The client disposes the handler. When the handler (or the primary
    /// handler at the end of its chain) is a <see cref="SocketsHttpHandler"/> or
    /// <see cref="HttpClientHandler"/>, the client turns its automatic redirects off.
    /// </summary>
    public WorkiomClient(
        WorkiomClientOptions options,
        HttpMessageHandler primaryHandler,
        ILoggerFactory? loggerFactory = null,
        IWorkiomTokenProvider? tokenProvider = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(primaryHandler);
        Options = options.Clone();
        Options.Validate();
        var logger = (ILogger?)loggerFactory?.CreateLogger<WorkiomClient>() ?? NullLogger.Instance;
        var pipeline = WorkiomResilience.Build(Options, logger, timeProvider);
        var guarded = new WorkiomSendGuard(new WorkiomScrubbingHandler(WorkiomRedirects.Refuse(primaryHandler)));
        _ownedHttpClient = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = guarded })
        {
            // Each attempt has its own timeout in the pipeline; an overall HttpClient timeout would cut retries short.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

        if (tokenProvider is null && Options.UsesPasswordLogin)
        {
            var provider = new WorkiomPasswordTokenProvider(
                new WorkiomTransport(_ownedHttpClient, Options, tokenProvider: null, logger, timeProvider), Options, timeProvider);
            tokenProvider = provider;
            _ownedTokenProvider = provider;
        }

        Transport = new WorkiomTransport(_ownedHttpClient, Options, tokenProvider, logger, timeProvider);
        _authentication = AuthenticationOf(Options, tokenProvider);
    }

    /// <summary>
    /// A client over an <see cref="HttpClient"/> the caller configured. Retries and per-attempt
    /// timeouts are whatever that client's handlers do (add a <c>ResilienceHandler</c> over
    /// <see cref="WorkiomResilience.Build"/> for the standard ones). The caller disposes it. Its
    /// handler must not follow redirects (<c>AllowAutoRedirect = false</c>): a reply that arrives
    /// from another origin after a followed redirect is refused with
    /// <see cref="WorkiomRedirectException"/>, but the request has reached that origin by then.
    /// </summary>
    public WorkiomClient(
        HttpClient httpClient,
        WorkiomClientOptions options,
        ILogger<WorkiomClient>? logger = null,
        IWorkiomTokenProvider? tokenProvider = null)
        : this(SourceOf(httpClient), options, logger, tokenProvider)
    {
    }

    /// <summary>
    /// A client that takes a fresh client named <paramref name="httpClientName"/> from
    /// <paramref name="httpClientFactory"/> for every call, so it can live as a singleton and
    /// still follow the factory's handler rotation. <c>AddWorkiom</c> builds it this way.
    /// </summary>
    public WorkiomClient(
        IHttpClientFactory httpClientFactory,
        string httpClientName,
        WorkiomClientOptions options,
        ILogger<WorkiomClient>? logger = null,
        IWorkiomTokenProvider? tokenProvider = null)
        : this(SourceOf(httpClientFactory, httpClientName), options, logger, tokenProvider)
    {
    }

    private WorkiomClient(Func<HttpClient> httpClients, WorkiomClientOptions options, ILogger<WorkiomClient>? logger, IWorkiomTokenProvider? tokenProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
        Options.Validate();
        if (tokenProvider is null && Options.UsesPasswordLogin)
        {
            var provider = new WorkiomPasswordTokenProvider(
                new WorkiomTransport(httpClients, Options, tokenProvider: null, logger), Options, timeProvider: null);
            tokenProvider = provider;
            _ownedTokenProvider = provider;
        }

        Transport = new WorkiomTransport(httpClients, Options, tokenProvider, logger);
        _authentication = AuthenticationOf(Options, tokenProvider);
    }

    private static Func<HttpClient> SourceOf(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    private static Func<HttpClient> SourceOf(IHttpClientFactory httpClientFactory, string httpClientName)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentException.ThrowIfNullOrEmpty(httpClientName);
        return () => httpClientFactory.CreateClient(httpClientName);
    }

    /// <summary>The options in effect (a copy of those passed in).</summary>
    public WorkiomClientOptions Options { get; }

    internal WorkiomTransport Transport { get; }

    /// <summary>The repository of one list. Generated entry points such as <c>client.Deals()</c> call this.</summary>
    public WorkiomRepository<TRecord, TFields> Repository<TRecord, TFields>()
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>, IWorkiomQueryable<TRecord, TFields>
        where TFields : class
        => new(this);

    /// <summary>
    /// Uploads a file (<c>POST /File/Upload</c>). To attach it, add the result to a record's File
    /// field and update the record: the whole list of files is written, so existing files stay.
    /// The upload is not repeated once it may have reached Workiom; a lost reply leaves at most an
    /// unattached upload behind. A repeat (after 429) needs a seekable stream; the stream stays open.
    /// The file info is read under <c>result</c> (an object or an array) or beside <c>success</c>.
    /// </summary>
    /// <exception cref="WorkiomUploadReplyException">
    /// The upload succeeded but its reply holds no file info; <see cref="WorkiomUploadReplyException.FileToken"/>
    /// is any <c>fileToken</c> the reply carried elsewhere.
    /// </exception>
    public async Task<WorkiomFile> UploadFileAsync(Stream content, string fileName, string? contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        long? size = content.CanSeek ? content.Length - content.Position : null;
        var filePart = new StreamContent(content);
        filePart.Headers.ContentType = new MediaTypeHeaderValue(string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType);
        // Not disposed: disposing the form would dispose the caller's stream, which the caller owns.
        var form = new MultipartFormDataContent { { filePart, "file", fileName } };
        var reply = await Transport.SendAsync(HttpMethod.Post, "File/Upload", form, idempotent: false, authenticate: true, cancellationToken)
            .ConfigureAwait(false);
        return ReadUploadedFile(reply, fileName, contentType, size);
    }

    /// <summary>
    /// Opens a stored file (<c>/File/DownloadFile?id=</c>) by the stored file's id
    /// (<see cref="WorkiomFile.Id"/>, not its token). The caller disposes the stream. The headers
    /// must arrive within <see cref="WorkiomClientOptions.Timeout"/>; the stream then delivers at most
    /// <see cref="WorkiomClientOptions.MaxDownloadBytes"/> (a larger file is refused with
    /// <see cref="WorkiomReplyTooLargeException"/>, up front when its length is announced) and its reads
    /// throw <see cref="WorkiomTimeoutException"/> once they have waited
    /// <see cref="WorkiomClientOptions.DownloadTimeout"/> in total.
    /// </summary>
    public async Task<Stream> DownloadFileAsync(string storedFileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storedFileId);
        const string call = "GET File/DownloadFile";
        var response = await Transport.SendRawAsync(
            HttpMethod.Get, "File/DownloadFile?id=" + Uri.EscapeDataString(storedFileId), content: null, idempotent: true,
            authenticate: true, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.Content.Headers.ContentLength > Options.MaxDownloadBytes)
            {
                throw WorkiomReplyBody.TooLarge(
                    response.StatusCode, call, Options.MaxDownloadBytes, response.Content.Headers.ContentLength, "Workiom:MaxDownloadBytes", idempotent: true);
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new WorkiomDownloadStream(response, body, Options.MaxDownloadBytes, Options.DownloadTimeout, Transport.TimeProvider, call, Transport.Scrubber);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _ownedTokenProvider?.Dispose();
        _ownedHttpClient?.Dispose();
    }

    /// <summary>
    /// The base URL and how calls authenticate (<c>ApiKey</c>, <c>PasswordLogin</c>, <c>TokenProvider</c>
    /// or <c>None</c>), for diagnostics. Never a key, password or token: the base URL was validated to
    /// carry neither user info nor a query.
    /// </summary>
    public override string ToString() => $"WorkiomClient {{ BaseUrl = {Transport.BaseUri.AbsoluteUri}, Authentication = {_authentication} }}";

    private static string AuthenticationOf(WorkiomClientOptions options, IWorkiomTokenProvider? tokenProvider) =>
        !string.IsNullOrEmpty(options.ApiKey) ? "ApiKey"
        : tokenProvider is WorkiomPasswordTokenProvider ? "PasswordLogin"
        : tokenProvider is not null ? "TokenProvider"
        : "None";

    /// <summary>
    /// The file info of an upload reply, read wherever it stands: under <c>result</c> (an object, or the
    /// first file of an array, as Workiom's own tools read it) or at the top level beside <c>success</c>
    /// (as the API guide lists it). A reply without one is a <see cref="WorkiomUploadReplyException"/>
    /// carrying any <c>fileToken</c> the reply held, so the stored upload is not lost from sight.
    /// </summary>
    private static WorkiomFile ReadUploadedFile(WorkiomReply reply, string fileName, string? contentType, long? size)
    {
        var result = reply.ResultReader();
        var info = ReadResultFileInfo(ref result);
        if (info is null)
        {
            var body = reply.BodyReader();
            info = ReadFileInfo(ref body);
        }

        if (info is null)
        {
            var body = reply.BodyReader();
            string? seen = reply.WithoutCredential(FindFileToken(ref body));
            throw new WorkiomUploadReplyException(
                seen is null
                    ? "File/Upload succeeded but its reply holds no file info (no fileToken under result or beside success)."
                    : "File/Upload succeeded but its reply holds no file info where Workiom puts it; a fileToken stood elsewhere "
                        + "in the reply and is kept in FileToken, so the stored upload can still be attached.",
                reply.Excerpt(),
                seen);
        }

        return new WorkiomFile(string.IsNullOrEmpty(info.Name) ? fileName : info.Name)
        {
            FileToken = info.Token,
            ContentType = string.IsNullOrEmpty(info.Type) ? contentType : info.Type,
            HasThumbnail = info.HasThumbnail,
            FileUrl = info.Url,
            ThumbnailUrl = info.Thumbnail,
            Size = size,
        };
    }

    /// <summary>The file info of a <c>result</c> that is a file object or an array whose first file is one.</summary>
    private static UploadedFileInfo? ReadResultFileInfo(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return ReadFileInfo(ref reader);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject && ReadFileInfo(ref reader) is { } info)
            {
                return info;
            }

            if (reader.TokenType is JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return null;
    }

    /// <summary>
    /// The file keys of the object the reader stands on (its other keys skipped), or null when it has
    /// no <c>fileToken</c>. Leaves the reader on the object's end.
    /// </summary>
    private static UploadedFileInfo? ReadFileInfo(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var info = new UploadedFileInfo();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                string value = reader.GetString()!;
                if (Is(key, "fileName")) info.Name = value;
                else if (Is(key, "fileType")) info.Type = value;
                else if (Is(key, "fileToken")) info.Token = value;
                else if (Is(key, "fileUrl")) info.Url = value;
                else if (Is(key, "thumbnailUrl")) info.Thumbnail = value;
            }
            else if (Is(key, "hasThumbnail") && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                info.HasThumbnail = reader.GetBoolean();
            }
            else
            {
                reader.Skip();
            }
        }

        return string.IsNullOrEmpty(info.Token) ? null : info;
    }

    /// <summary>The first non-empty <c>fileToken</c> string anywhere in the document, at any depth.</summary>
    private static string? FindFileToken(ref Utf8JsonReader reader)
    {
        do
        {
            if (reader.TokenType == JsonTokenType.PropertyName && Is(reader.GetString()!, "fileToken"))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } token)
                {
                    return token;
                }
            }
        }
        while (reader.Read());

        return null;
    }

    private sealed class UploadedFileInfo
    {
        public string? Name { get; set; }

        public string? Type { get; set; }

        public string? Token { get; set; }

        public string? Url { get; set; }

        public string? Thumbnail { get; set; }

        public bool HasThumbnail { get; set; }
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
