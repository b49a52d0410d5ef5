using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Workiom.Emulator.Faults;
using Workiom.Emulator.Querying;
using Workiom.Emulator.Records;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Storage;
using Workiom.Emulator.Webhooks;

namespace Workiom.Emulator.Http;

/// <summary>
/// Answers every call: finds the endpoint, checks credentials, applies a queued fault, runs the endpoint
/// and writes its reply. Paths are matched without regard to case, as ABP does.
/// </summary>
internal sealed class ApiDispatcher
{
    private const string AppPrefix = "/api/services/app/";

    private readonly WorkiomEmulatorOptions _options;
    private readonly SnapshotCatalog _catalog;
    private readonly RecordStore _store;
    private readonly EmulatorFaults _faults;
    private readonly RecordReader _reader;
    private readonly Func<Uri> _baseAddress;
    private readonly HostCheck _hosts;
    private readonly TokenStore _tokens;
    private readonly Dictionary<string, Endpoint> _endpoints;
    private readonly EmulatorWebhooks _webhooks;
    private readonly WebhookEndpoints _webhookEndpoints;

    private sealed record Endpoint(string Method, Access Access, Func<HttpContext, EmulatorUser?, Task<ApiReply>> Handle);

    private enum Access
    {
        Anonymous,
        Caller,
        Admin,
    }

    public ApiDispatcher(WorkiomEmulatorOptions options, SnapshotCatalog catalog, RecordStore store, EmulatorFaults faults, Func<Uri> baseAddress, EmulatorWebhooks webhooks)
    {
        _webhooks = webhooks;
        _webhookEndpoints = new WebhookEndpoints(catalog, webhooks);
        _options = options;
        _catalog = catalog;
        _store = store;
        _faults = faults;
        _reader = new RecordReader(catalog, baseAddress);
        _baseAddress = baseAddress;
        _hosts = new HostCheck(options.AllowedHosts);
        _tokens = new TokenStore(options.TimeProvider);
        _endpoints = new Dictionary<string, Endpoint>(StringComparer.OrdinalIgnoreCase)
        {
            ["/api/TokenAuth/Authenticate"] = new("POST", Access.Anonymous, (c, _) => AuthenticateAsync(c)),
            [AppPrefix + "Account/IsTenantAvailable"] = new("POST", Access.Anonymous, (c, _) => TenantAvailableAsync(c)),
            [AppPrefix + "Session/GetCurrentLoginInformations"] = new("GET", Access.Caller, (_, u) => Task.FromResult(SessionInfo(u!))),
            [AppPrefix + "Apps/GetAll"] = new("GET", Access.Caller, (c, _) => Task.FromResult(AppsGetAll(c))),
            [AppPrefix + "Lists/GetAll"] = new("GET", Access.Caller, (c, _) => Task.FromResult(ListsGetAll(c))),
            [AppPrefix + "Lists/Get"] = new("GET", Access.Caller, (c, _) => Task.FromResult(ListsGet(c))),
            [AppPrefix + "Data/All"] = new("POST", Access.Caller, (c, _) => DataAllAsync(c)),
            [AppPrefix + "Data/Get"] = new("GET", Access.Caller, (c, _) => DataGetAsync(c)),
            [AppPrefix + "Data/Create"] = new("POST", Access.Caller, (c, u) => WriteAsync(c, u!, WriteKind.Create)),
            [AppPrefix + "Data/Update"] = new("PUT", Access.Caller, (c, u) => WriteAsync(c, u!, WriteKind.Replace)),
            [AppPrefix + "Data/UpdatePartial"] = new("PUT", Access.Caller, (c, u) => WriteAsync(c, u!, WriteKind.Partial)),
            [AppPrefix + "Data/Delete"] = new("DELETE", Access.Caller, (c, _) => DeleteAsync(c)),
            [AppPrefix + "WebhookSubscription/AddSubscription"] = new("POST", Access.Caller, async (c, _) => _webhookEndpoints.AddSubscription(await ReadJsonObjectAsync(c).ConfigureAwait(false))),
            [AppPrefix + "WebhookSubscription/DeleteSubscription"] = new("DELETE", Access.Caller, (c, _) => Task.FromResult(_webhookEndpoints.DeleteSubscription(c.Request.Query["subscriptionId"].ToString()))),
            ["/File/Upload"] = new("POST", Access.Caller, (c, _) => UploadAsync(c)),
            ["/File/DownloadFile"] = new("GET", Access.Caller, (c, _) => DownloadAsync(c)),
            ["POST /_emulator/faults"] = new("POST", Access.Admin, (c, _) => AddFaultAsync(c)),
            ["GET /_emulator/faults"] = new("GET", Access.Admin, (_, _) => Task.FromResult(FaultStatus())),
            ["DELETE /_emulator/faults"] = new("DELETE", Access.Admin, (_, _) => { _faults.Clear(); return Task.FromResult(FaultStatus()); }),
            ["POST /_emulator/lists"] = new("POST", Access.Admin, (c, _) => ReplaceListAsync(c)),
        };
    }

    public int TokenCount => _tokens.Count;

    public ListSchema ReplaceList(string snapshotJson) => _catalog.Put(snapshotJson);

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a slow-reply fault was abandoned): there is no one to answer.
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        // Every reply is data for an API client: no browser may guess it is a page or a script.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (!_hosts.Accepts(context.Request.Host))
        {
            var shown = context.Request.Host.Value ?? "";
            await WriteAsync(context, ApiReply.Failure(ApiError.BadRequest(
                $"The emulator answers only to localhost, 127.0.0.0/8, [::1] and the names in AllowedHosts (--allow-host); the Host header was '{(shown.Length > 100 ? shown[..100] + "…" : shown)}'."))).ConfigureAwait(false);
            return;
        }

        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        var endpoint = _endpoints.GetValueOrDefault(context.Request.Method + " " + path) ?? _endpoints.GetValueOrDefault(path);
        if (endpoint is null)
        {
            await WriteAsync(context, ApiReply.Failure(ApiError.NotFound($"There is no endpoint '{path}'."))).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(endpoint.Method, context.Request.Method, StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, ApiReply.Failure(new ApiError(405, $"'{path}' takes {endpoint.Method}, not {context.Request.Method}."))).ConfigureAwait(false);
            return;
        }

        EmulatorUser? caller = null;
        if (endpoint.Access != Access.Anonymous)
        {
            caller = Authenticate(context, adminOnly: endpoint.Access == Access.Admin, out var refusal);
            if (caller is null)
            {
                await WriteAsync(context, ApiReply.Failure(new ApiError(401, refusal), unauthorized: true)).ConfigureAwait(false);
                return;
            }
        }

        var fault = endpoint.Access == Access.Admin ? null : _faults.TakeFor(path);
        switch (fault?.Kind)
        {
            case FaultKind.TooManyRequests:
                var seconds = Math.Max(0, (int)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await WriteAsync(context, ApiReply.Failure(new ApiError(429, "Too many requests (injected fault)."), headers: [new("Retry-After", seconds)])).ConfigureAwait(false);
                return;
            case FaultKind.ServerError:
                await WriteAsync(context, ApiReply.Failure(new ApiError(fault.StatusCode, "An internal error occurred (injected fault)."))).ConfigureAwait(false);
                return;
            case FaultKind.DropConnection:
                context.Abort();
                return;
            case FaultKind.UnsuccessfulReply:
                await WriteAsync(context, ApiReply.Failure(new ApiError(200, "The request failed (injected fault)."))).ConfigureAwait(false);
                return;
            case FaultKind.SlowReply:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.EchoCredentials:
                await WriteAsync(context, ApiReply.Failure(await EchoCredentialsAsync(context).ConfigureAwait(false))).ConfigureAwait(false);
                return;
            case FaultKind.Redirect:
                context.Response.StatusCode = fault.StatusCode;
                context.Response.Headers.Location = fault.RedirectTo!.AbsoluteUri;
                context.Response.ContentLength = 0;
                return;
        }

        ApiReply reply;
        try
        {
            reply = await endpoint.Handle(context, caller).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            reply = ApiReply.Failure(error);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            reply = ApiReply.Failure(new ApiError(413, "The request body is larger than the emulator accepts."));
        }
        catch (BadHttpRequestException ex)
        {
            reply = ApiReply.Failure(new ApiError(400, "The request could not be read: " + ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            // The service answers its own failures with the envelope too; clients must see one, not a bare 500.
            reply = ApiReply.Failure(new ApiError(500, "An internal error occurred in the emulator: " + ex.Message, ex.GetType().Name));
        }

        switch (fault?.Kind)
        {
            case FaultKind.SlowReplyAfterProcessing:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.DropConnectionAfterProcessing:
                context.Abort();
                return;
            case FaultKind.ServerErrorAfterProcessing:
                reply = ApiReply.Failure(new ApiError(fault.StatusCode, "An internal error occurred after the request was processed (injected fault)."));
                break;
            case FaultKind.TruncatedBody:
                // A valid start and a cut end, with no Content-Length to warn the client in advance.
                context.Response.StatusCode = reply.StatusCode;
                context.Response.ContentType = reply.ContentType;
                await context.Response.Body.WriteAsync(reply.Body.AsMemory(0, Math.Max(1, reply.Body.Length / 2)), context.RequestAborted).ConfigureAwait(false);
                return;
        }

        await WriteAsync(context, reply).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, ApiReply reply)
    {
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = reply.ContentType;
        context.Response.ContentLength = reply.Body.Length;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private EmulatorUser? Authenticate(HttpContext context, bool adminOnly, out string refusal)
    {
        var key = context.Request.Headers["X-Api-Key"].ToString();
        if (key.Length > 0)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(_options.ApiKey)))
            {
                refusal = "";
                return _options.Users.FirstOrDefault() ?? EmulatorUser.Default;
            }

            refusal = "The API key is not valid.";
            return null;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!adminOnly && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            switch (_tokens.Check(token, out var user))
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

    private async Task<ApiReply> AuthenticateAsync(HttpContext context)
    {
        var body = await ReadJsonObjectAsync(context).ConfigureAwait(false);
        var tenant = JsonRead.String(body, "tenantName") ?? JsonRead.String(body, "tenancyName");
        var login = JsonRead.String(body, "userNameOrEmailAddress");
        var password = JsonRead.String(body, "password");
        var user = _options.Users.FirstOrDefault(u =>
            (tenant is null || string.Equals(u.TenantName, tenant, StringComparison.OrdinalIgnoreCase))
            && (string.Equals(u.UserName, login, StringComparison.OrdinalIgnoreCase) || string.Equals(u.EmailAddress, login, StringComparison.OrdinalIgnoreCase))
            && string.Equals(u.Password, password, StringComparison.Ordinal));
        if (user is null)
        {
            return ApiReply.Failure(new ApiError(401, "Login failed: invalid tenant, user name or password."), unauthorized: true);
        }

        var lifetime = _options.TokenLifetime;
        var token = _tokens.Issue(user, lifetime);
        return ApiReply.Success(new JsonObject
        {
            ["accessToken"] = token,
            ["encryptedAccessToken"] = token,
            ["expireInSeconds"] = (long)lifetime.TotalSeconds,
            ["userId"] = user.Id,
        });
    }

    /// <summary>Shard discovery: every tenant of the emulator lives at the emulator's own address.</summary>
    private async Task<ApiReply> TenantAvailableAsync(HttpContext context)
    {
        var body = await ReadJsonObjectAsync(context).ConfigureAwait(false);
        var tenancyName = JsonRead.String(body, "tenancyName");
        var known = _options.Users.Any(u => string.Equals(u.TenantName, tenancyName, StringComparison.OrdinalIgnoreCase));
        // ABP's TenantAvailabilityState: 1 Available, 3 NotFound.
        return ApiReply.Success(new JsonObject
        {
            ["state"] = known ? 1 : 3,
            ["tenantId"] = known ? 1 : null,
            ["serverRootAddress"] = known ? _baseAddress().ToString() : null,
            ["apiUrl"] = null,
        });
    }

    private static ApiReply SessionInfo(EmulatorUser user)
    {
        var space = user.FullName.IndexOf(' ', StringComparison.Ordinal);
        return ApiReply.Success(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["id"] = user.Id,
                ["name"] = space < 0 ? user.FullName : user.FullName[..space],
                ["surname"] = space < 0 ? "" : user.FullName[(space + 1)..],
                ["userName"] = user.UserName,
                ["emailAddress"] = user.EmailAddress,
            },
            ["tenant"] = new JsonObject
            {
                ["id"] = 1,
                ["tenancyName"] = user.TenantName,
                ["name"] = user.TenantName,
            },
        });
    }

    private ApiReply AppsGetAll(HttpContext context)
    {
        var withLists = string.Equals(context.Request.Query["withListsAndMainFields"], "true", StringComparison.OrdinalIgnoreCase);
        var items = new JsonArray();
        foreach (var app in _catalog.Apps)
        {
            var item = new JsonObject
            {
                ["id"] = app.Id,
                ["name"] = app.Name,
                ["description"] = app.Description,
                ["icon"] = app.Icon,
            };
            if (withLists)
            {
                item["lists"] = new JsonArray(_catalog.Lists.Where(l => string.Equals(l.AppId, app.Id, StringComparison.OrdinalIgnoreCase)).Select(l => (JsonNode)new JsonObject
                {
                    ["id"] = l.Id,
                    ["appId"] = l.AppId,
                    ["name"] = l.Name,
                    ["description"] = l.Snapshot["description"]?.DeepClone(),
                    ["icon"] = l.Snapshot["icon"]?.DeepClone(),
                    ["fields"] = new JsonArray(l.Fields.Where(f => f.IsPrimary).Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["listId"] = l.Id, ["name"] = f.Name }).ToArray()),
                }).ToArray());
            }

            items.Add(item);
        }

        return ApiReply.Success(new JsonObject { ["totalCount"] = items.Count, ["items"] = items });
    }

    private ApiReply ListsGetAll(HttpContext context)
    {
        var appId = context.Request.Query["appId"].ToString();
        var items = new JsonArray();
        foreach (var list in _catalog.Lists.Where(l => appId.Length == 0 || string.Equals(l.AppId, appId, StringComparison.OrdinalIgnoreCase)))
        {
            var summary = (JsonObject)list.Snapshot.DeepClone();
            summary["fields"] = new JsonArray();
            summary["views"] = new JsonArray();
            summary["filters"] = new JsonArray();
            items.Add(summary);
        }

        return ApiReply.Success(new JsonObject { ["totalCount"] = items.Count, ["items"] = items });
    }

    private ApiReply ListsGet(HttpContext context)
    {
        var list = RequireList(context.Request.Query["id"].ToString(), "id");
        var expand = context.Request.Query["expand"].SelectMany(e => (e ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var withSystemFields = string.Equals(context.Request.Query["includeSystemFields"], "true", StringComparison.OrdinalIgnoreCase);
        var result = (JsonObject)list.Snapshot.DeepClone();

        var fields = new JsonArray();
        if (expand.Contains("Fields") && result["fields"] is JsonArray all)
        {
            foreach (var field in all)
            {
                var isSystem = field is JsonObject f && (JsonRead.Int(f, "systemFieldType") != 0 || JsonRead.Bool(f, "isSystemField"));
                if (withSystemFields || !isSystem)
                {
                    fields.Add(field?.DeepClone());
                }
            }
        }

        result["fields"] = fields;
        if (!expand.Contains("Views"))
        {
            result["views"] = new JsonArray();
        }

        if (!expand.Contains("Filters"))
        {
            result["filters"] = new JsonArray();
        }

        return ApiReply.Success(result);
    }

    private async Task<ApiReply> DataAllAsync(HttpContext context)
    {
        var body = await ReadJsonObjectAsync(context).ConfigureAwait(false);
        var query = DataQuery.Parse(body, _catalog);
        return await _store.RunAsync(session =>
        {
            var records = session.LoadList(query.List.Id).Select(r => _reader.Read(query.List, r, session));
            if (query.Ids is { } ids)
            {
                var wanted = ids.ToHashSet(StringComparer.Ordinal);
                records = records.Where(r => wanted.Contains(JsonRead.String(r, "_id") ?? ""));
            }

            var view = query.ViewPart;
            records = records.Where(r => RecordFilter.Matches(view, r) && RecordFilter.Matches(query, r));
            if (!string.IsNullOrWhiteSpace(query.QuickSearch))
            {
                records = records.Where(r => RecordFilter.MatchesQuickSearch(query.List, r, query.QuickSearch.Trim()));
            }

            var matched = records.ToList();
            if (query.SortField is { } sortField)
            {
                var comparer = RecordFilter.SortComparer(sortField);
                matched = query.SortDescending ? matched.OrderByDescending(r => r, comparer).ToList() : matched.OrderBy(r => r, comparer).ToList();
            }

            var summary = new JsonObject();
            // summaryType 1 (sum) of a numeric field: its total over every matching record, keyed by field id.
            foreach (var field in query.List.Fields.Where(f => f.SummaryType == 1 && DataTypes.IsNumberLike(f.DataType)))
            {
                summary[field.Key] = FieldValues.Number(matched.Sum(r => JsonRead.Decimal(JsonRead.Get(r, field.Key)) ?? 0));
            }

            var items = new JsonArray();
            foreach (var record in matched.Skip(query.SkipCount).Take(query.MaxResultCount))
            {
                if (query.LinkedItemsLimit is int limit)
                {
                    CapLinks(query.List, record, limit);
                }

                items.Add(query.ProjectedFields is { } projected ? Project(record, projected) : record);
            }

            return ApiReply.Success(new JsonObject { ["totalCount"] = matched.Count, ["summary"] = summary, ["items"] = items });
        }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Keeps the first <paramref name="limit"/> linked records of each LinkList value (filters saw them all).</summary>
    private static void CapLinks(ListSchema list, JsonObject record, int limit)
    {
        foreach (var field in list.Fields.Where(f => f.DataType == DataTypes.LinkList))
        {
            if (JsonRead.Get(record, field.Key) is JsonArray links && links.Count > limit)
            {
                record[field.Key] = new JsonArray(links.Take(limit).Select(l => l?.DeepClone()).ToArray());
            }
        }
    }

    private static JsonObject Project(JsonObject record, IReadOnlyList<string> fields)
    {
        var projected = new JsonObject { ["_id"] = JsonRead.String(record, "_id") };
        foreach (var key in fields)
        {
            if (record.TryGetPropertyValue(key, out var value))
            {
                projected[key] = value?.DeepClone();
            }
        }

        return projected;
    }

    private async Task<ApiReply> DataGetAsync(HttpContext context)
    {
        var list = RequireList(context.Request.Query["listId"].ToString(), "listId");
        var id = RequireQuery(context, "id");
        return await _store.RunAsync(session =>
        {
            var stored = session.Get(list.Id, id) ?? throw RecordNotFound(list, id);
            return ApiReply.Success(_reader.Read(list, stored, session));
        }, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ApiReply> WriteAsync(HttpContext context, EmulatorUser caller, WriteKind kind)
    {
        var list = RequireList(context.Request.Query["listId"].ToString(), "listId");
        var id = kind == WriteKind.Create ? null : RequireQuery(context, "id");
        var body = await ReadJsonObjectAsync(context).ConfigureAwait(false);
        return await _store.RunAsync(session =>
        {
            var writeContext = new WriteContext(list, _catalog, session, _options.Users.ToList(), caller, _options.TimeProvider.GetUtcNow(), _reader);
            JsonObject record;
            if (kind == WriteKind.Create)
            {
                var newId = RecordStore.NewId();
                record = RecordWriter.Apply(writeContext, kind, body, null, newId);
                session.Insert(list.Id, newId, record);
            }
            else
            {
                var existing = session.Get(list.Id, id!) ?? throw RecordNotFound(list, id!);
                record = RecordWriter.Apply(writeContext, kind, body, existing, id!);
                session.Replace(list.Id, id!, record);
            }

            var read = _reader.Read(list, record, session);
            session.AfterCommit(() => _webhooks.RecordWritten(list, kind, read));
            return ApiReply.Success(read);
        }, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ApiReply> DeleteAsync(HttpContext context)
    {
        var list = RequireList(context.Request.Query["listId"].ToString(), "listId");
        var id = RequireQuery(context, "id");
        return await _store.RunAsync(
            session => session.Delete(list.Id, id) ? ApiReply.Success((JsonNode?)null) : throw RecordNotFound(list, id),
            context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ApiReply> UploadAsync(HttpContext context)
    {
        // Room for the multipart framing around the file itself.
        var bodyLimit = _options.MaxUploadBytes + 64 * 1024;
        if (context.Request.ContentLength > bodyLimit)
        {
            throw TooLarge(_options.MaxUploadBytes, "file");
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = bodyLimit;
        }

        if (!context.Request.HasFormContentType)
        {
            throw ApiError.BadRequest("File/Upload takes a multipart/form-data body with one file part.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit, ValueCountLimit = 64 }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw ApiError.BadRequest("The multipart body could not be read: " + ex.Message);
        }

        if (form.Files.Count != 1)
        {
            throw ApiError.BadRequest($"File/Upload takes exactly one file part, got {form.Files.Count}.");
        }

        var part = form.Files[0];
        if (part.Length > _options.MaxUploadBytes)
        {
            throw TooLarge(_options.MaxUploadBytes, "file");
        }

        var bytes = new byte[part.Length];
        await using (var stream = part.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }

        var file = new StoredFile(Guid.NewGuid().ToString(), null, SafeFileName(part.FileName), string.IsNullOrWhiteSpace(part.ContentType) ? "application/octet-stream" : part.ContentType, bytes.LongLength);
        await _store.RunAsync(session =>
        {
            session.InsertFile(file, bytes);
            return true;
        }, context.RequestAborted).ConfigureAwait(false);

        return ApiReply.Success(new JsonArray(new JsonObject
        {
            ["fileName"] = file.FileName,
            ["fileType"] = file.ContentType,
            ["fileToken"] = file.Token,
            ["hasThumbnail"] = false,
            ["fileUrl"] = null,
            ["thumbnailUrl"] = null,
        }));
    }

    /// <summary>
    /// The name a file is shown and downloaded under. It is only ever data (bytes live in SQLite), but
    /// directory parts and control characters are dropped so no consumer is tempted to use it as a path.
    /// </summary>
    internal static string SafeFileName(string? raw)
    {
        var name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name is "" or "." or ".." ? "file" : name;
    }

    private async Task<ApiReply> DownloadAsync(HttpContext context)
    {
        var id = RequireQuery(context, "id");
        return await _store.RunAsync(session =>
        {
            var file = session.FindFileByStoredId(id) ?? throw ApiError.NotFound($"There is no file with id '{id}'.");
            var bytes = session.ReadFileBytes(id) ?? throw ApiError.NotFound($"There is no file with id '{id}'.");
            // The stored name is cleaned again: a store written by an older emulator may hold any name.
            return ApiReply.File(bytes, SafeFileName(file.FileName));
        }, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ApiReply> AddFaultAsync(HttpContext context)
    {
        var body = await ReadJsonObjectAsync(context).ConfigureAwait(false);
        var kindText = JsonRead.String(body, "kind") ?? throw ApiError.BadRequest("A fault needs a 'kind'.");
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw ApiError.BadRequest($"Unknown fault kind '{kindText}': use one of {string.Join(", ", Enum.GetNames<FaultKind>())}.");
        }

        try
        {
            _faults.Enqueue(new EmulatorFault(
                JsonRead.String(body, "path"),
                kind,
                JsonRead.Decimal(JsonRead.Get(body, "retryAfterSeconds")) is decimal retry ? TimeSpan.FromSeconds((double)retry) : null,
                (int)(JsonRead.Long(body, "statusCode") ?? (kind == FaultKind.Redirect ? 302 : 503)),
                JsonRead.Long(body, "delayMilliseconds") is long delay ? TimeSpan.FromMilliseconds(delay) : null,
                (int)(JsonRead.Long(body, "times") ?? 1),
                Uri.TryCreate(JsonRead.String(body, "redirectTo"), UriKind.Absolute, out var redirectTo) ? redirectTo : null));
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw ApiError.BadRequest(ex.Message);
        }

        return FaultStatus();
    }

    private ApiReply FaultStatus() => ApiReply.Success(new JsonObject { ["pending"] = _faults.Pending, ["fired"] = _faults.Fired });

    private async Task<ApiReply> ReplaceListAsync(HttpContext context)
    {
        var bytes = await ReadBodyAsync(context).ConfigureAwait(false);
        try
        {
            var list = _catalog.Put(System.Text.Encoding.UTF8.GetString(bytes));
            return ApiReply.Success(new JsonObject { ["id"] = list.Id, ["name"] = list.Name, ["fieldCount"] = list.Fields.Count });
        }
        catch (SnapshotException ex)
        {
            throw ApiError.BadRequest(ex.Message);
        }
    }

    private ListSchema RequireList(string listId, string parameter)
    {
        if (string.IsNullOrEmpty(listId))
        {
            throw ApiError.BadRequest($"The '{parameter}' query parameter is required.");
        }

        return _catalog.Find(listId) ?? throw ApiError.NotFound($"There is no list with id '{listId}'.");
    }

    private static string RequireQuery(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString();
        return value.Length > 0 ? value : throw ApiError.BadRequest($"The '{name}' query parameter is required.");
    }

    private static ApiError RecordNotFound(ListSchema list, string id) =>
        ApiError.NotFound($"There is no record with id '{id}' in list '{list.Name}'.");

    private ApiError TooLarge(long limit, string what) =>
        new(413, $"The {what} is too large: the limit is {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes.");

    private async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        var limit = _options.MaxJsonBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit, "request body");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit, "request body");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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
                if (JsonRead.String(await ReadJsonObjectAsync(context).ConfigureAwait(false), "password") is { Length: > 0 } password)
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

    private async Task<JsonObject> ReadJsonObjectAsync(HttpContext context)
    {
        var bytes = await ReadBodyAsync(context).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            throw ApiError.BadRequest("The request needs a JSON object body.");
        }

        try
        {
            return JsonRead.Parse(bytes) as JsonObject ?? throw ApiError.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest("The request body is not valid JSON: " + ex.Message);
        }
    }
}
