using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workiom.Client.Tests.Fakes;
using Workiom.Emulator;
using Workiom.Emulator.Faults;
using Workiom.Http;
using Workiom.ReliabilityTests.Lists;
using Workiom.ReliabilityTests.Support;

namespace Workiom.ReliabilityTests;

/// <summary>
/// Credentials stay out of logs, exception messages and ToString even when Workiom's reply carries
/// them; plain http:// is refused off loopback; the emulator refuses wrong keys, treats filter values
/// and file names as data, and holds its size limits.
/// </summary>
public sealed class SecurityTests
{
    private const string Password = "pa55-Reliability-Secret-7d1c";

    [Fact(Timeout = 60_000)]
    public async Task The_api_key_never_appears_in_logs_exceptions_or_ToString_even_when_a_reply_echoes_it()
    {
        await using var session = await EmulatorSession.StartAsync();
        string key = session.Emulator.ApiKey;
        var deals = session.Client.Deals();
        // A record whose name is the key: any reply excerpt of it would carry the key.
        var echo = await deals.CreateAsync(new Deal { DealName = key, Amount = 1 }, CancellationToken.None);

        var failures = await CollectFailuresAsync(session, echo.Id!);
        // The server repeats the key in its error's message, details and validation errors.
        session.Emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.EchoCredentials));
        var echoedOnRead = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.GetAsync(echo.Id!, CancellationToken.None));
        session.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.EchoCredentials));
        var echoedOnWrite = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.CreateAsync(new Deal { DealName = "Echo" }, CancellationToken.None));

        // The cut reply did carry the key, so the excerpt proves the scrubbing rather than its absence.
        Assert.Contains(failures, f => f is WorkiomInvalidReplyException invalid && invalid.Excerpt.Contains("(redacted)", StringComparison.Ordinal));
        // So did the echoing errors: every text of theirs still came through, with the key cut out.
        foreach (var echoed in new[] { echoedOnRead, echoedOnWrite })
        {
            AssertEchoScrubbed(echoed);
        }

        foreach (var failure in failures.Append(echoedOnRead).Append(echoedOnWrite))
        {
            SecretAssert.NowhereIn(failure, key);
        }

        Assert.NotEmpty(session.Logs.Entries);
        Assert.DoesNotContain(key, session.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(key, session.Client.Options.ToString(), StringComparison.Ordinal);
        // The client describes itself by base URL and kind of credential, never by the credential.
        Assert.Equal($"WorkiomClient {{ BaseUrl = {session.Emulator.BaseAddress.AbsoluteUri}, Authentication = ApiKey }}", session.Client.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bearer_token_never_appears_in_logs_or_exceptions_even_when_a_reply_echoes_it()
    {
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { EmulatorSession.SchemaFolder } });
        var logs = new CapturedLogs();
        var tokens = new RecordingTokenProvider(emulator);
        var options = EmulatorSession.ClientOptionsFor(emulator);
        options.ApiKey = null;
        using var client = new WorkiomClient(options, new SocketsHttpHandler(), logs, tokens);
        var deals = client.Deals();
        string token = await tokens.GetAccessTokenAsync(CancellationToken.None);
        var echo = await deals.CreateAsync(new Deal { DealName = token }, CancellationToken.None);

        emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.TruncatedBody));
        var truncated = await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => deals.GetAsync(echo.Id!, CancellationToken.None));
        emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.UnsuccessfulReply));
        var refused = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.GetAsync(echo.Id!, CancellationToken.None));
        emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.EchoCredentials));
        var echoed = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.GetAsync(echo.Id!, CancellationToken.None));

        Assert.Contains("(redacted)", truncated.Excerpt, StringComparison.Ordinal);
        AssertEchoScrubbed(echoed);
        foreach (var failure in new Exception[] { truncated, refused, echoed })
        {
            SecretAssert.NowhereIn(failure, token);
        }

        Assert.DoesNotContain(token, logs.AllText, StringComparison.Ordinal);
        Assert.Equal($"WorkiomClient {{ BaseUrl = {emulator.BaseAddress.AbsoluteUri}, Authentication = TokenProvider }}", client.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_password_login_keeps_password_and_issued_token_out_of_logs_and_exceptions()
    {
        var user = new EmulatorUser(4242, "acme", "reliability@example.com", Password, "Reliability Tester", "reliability@example.com");
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { EmulatorSession.SchemaFolder }, Users = { user } });
        var logs = new CapturedLogs();
        var options = EmulatorSession.ClientOptionsFor(emulator);
        options.ApiKey = null;
        options.TenantName = user.TenantName;
        options.UserNameOrEmailAddress = user.UserName;
        options.Password = Password;
        var sent = new BearerRecorder(new SocketsHttpHandler());
        using var client = new WorkiomClient(options, sent, logs);
        var deals = client.Deals();

        // The sign-in reply itself is cut short: its excerpt would otherwise show the issued token.
        emulator.Faults.Enqueue(new EmulatorFault("TokenAuth/Authenticate", FaultKind.TruncatedBody));
        var signIn = await Assert.ThrowsAnyAsync<WorkiomException>(() => deals.Query().CountAsync(CancellationToken.None));
        // The sign-in is refused with the password repeated in every text of the error.
        emulator.Faults.Enqueue(new EmulatorFault("TokenAuth/Authenticate", FaultKind.EchoCredentials));
        var echoedSignIn = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.Query().CountAsync(CancellationToken.None));
        emulator.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.TruncatedBody));
        var afterSignIn = await Assert.ThrowsAnyAsync<WorkiomException>(() => deals.Query().CountAsync(CancellationToken.None));
        // A call with the issued token is refused with that token repeated in every text of the error.
        emulator.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.EchoCredentials));
        var echoedToken = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.Query().CountAsync(CancellationToken.None));

        Assert.Equal(0, await deals.Query().CountAsync(CancellationToken.None));
        string issued = Assert.Single(sent.Tokens.Distinct());
        // The cut sign-in reply did hold the token: its excerpt shows the field with the value cut out.
        Assert.Contains("\"accessToken\":\"(redacted)\"", Assert.IsType<WorkiomInvalidReplyException>(signIn).Excerpt, StringComparison.Ordinal);
        AssertEchoScrubbed(echoedSignIn);
        AssertEchoScrubbed(echoedToken);
        foreach (var failure in new Exception[] { signIn, echoedSignIn, afterSignIn, echoedToken })
        {
            SecretAssert.NowhereIn(failure, Password, issued);
            Assert.Null(TokenIn(SecretAssert.AllTextOf(failure)));
        }

        Assert.DoesNotContain(Password, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(issued, logs.AllText, StringComparison.Ordinal);
        Assert.Null(TokenIn(logs.AllText));
        Assert.DoesNotContain(Password, client.Options.ToString(), StringComparison.Ordinal);
        Assert.Equal($"WorkiomClient {{ BaseUrl = {emulator.BaseAddress.AbsoluteUri}, Authentication = PasswordLogin }}", client.ToString());
    }

    /// <summary>
    /// The echoing error reached the caller with its message, details and validation errors, each
    /// with the credential cut out rather than the text dropped.
    /// </summary>
    private static void AssertEchoScrubbed(WorkiomApiException echoed)
    {
        Assert.Equal(HttpStatusCode.BadRequest, echoed.StatusCode);
        Assert.Equal("The request was refused; it carried (redacted) (injected fault).", echoed.Message);
        Assert.Equal("Credentials received: (redacted)", echoed.Details);
        var validation = Assert.Single(echoed.ValidationErrors);
        Assert.Equal("Not accepted: (redacted)", validation.Message);
        Assert.Equal(["(redacted)"], validation.Members);
    }

    [Theory]
    [InlineData("http://api.workiom.com")]
    [InlineData("http://10.0.0.5:5080/")]
    [InlineData("http://192.168.1.20/")]
    [InlineData("http://127.0.0.1.nip.io/")]
    [InlineData("http://[2001:db8::1]/")]
    public void Plain_http_off_loopback_is_refused_before_any_call(string baseUrl)
    {
        var options = new WorkiomClientOptions { BaseUrl = baseUrl, ApiKey = "never-sent-key" };

        var error = Assert.Throws<WorkiomConfigurationException>(() => new WorkiomClient(options));

        Assert.Contains("https://", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("never-sent-key", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5080/")]
    [InlineData("http://[::1]:5080/")]
    [InlineData("https://api.workiom.com")]
    public void Loopback_http_and_any_https_are_accepted(string baseUrl)
    {
        using var client = new WorkiomClient(new WorkiomClientOptions { BaseUrl = baseUrl, ApiKey = "key" });

        Assert.Equal(new Uri(baseUrl).Host, client.Options.Validate().Host);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_emulator_refuses_wrong_or_missing_credentials_and_changes_nothing()
    {
        await using var session = await EmulatorSession.StartAsync();
        var existing = await session.Client.Deals().CreateAsync(new Deal { DealName = "Kept", Amount = 10 }, CancellationToken.None);
        var wrong = EmulatorSession.ClientOptionsFor(session.Emulator);
        wrong.ApiKey = session.Emulator.ApiKey + "x";
        using var intruder = new WorkiomClient(wrong);
        var deals = intruder.Deals();

        await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => deals.CreateAsync(new Deal { DealName = "Intruder" }, CancellationToken.None));
        await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => deals.DeleteAsync(existing.Id!, CancellationToken.None));
        await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => deals.GetAsync(existing.Id!, CancellationToken.None));

        using var anonymous = new HttpClient { BaseAddress = session.Emulator.BaseAddress };
        using var noKey = await anonymous.PostAsync("api/services/app/Data/All", JsonContent.Create(new { listId = Deal.WorkiomListId }));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Delete, $"api/services/app/Data/Delete?listId={Deal.WorkiomListId}&id={existing.Id}");
        forged.Headers.Authorization = new("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
        using var forgedReply = await anonymous.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedReply.StatusCode);
        using var faults = await anonymous.PostAsync("_emulator/faults", JsonContent.Create(new { path = "*", kind = "DropConnection" }));
        Assert.Equal(HttpStatusCode.Unauthorized, faults.StatusCode);

        Assert.Equal([existing.Id!], await session.Emulator.GetRecordIdsAsync(Deal.WorkiomListId));
        Assert.Equal(0, session.Emulator.Faults.Pending);
    }

    public static TheoryData<string> HostileTexts() => new()
    {
        "' OR '1'='1",
        "x'); DROP TABLE records; --",
        "%",
        "_",
        "\" OR 1=1 --",
        "*/ UNION SELECT * FROM sqlite_master --",
        "\\",
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(HostileTexts))]
    public async Task Hostile_filter_values_match_only_as_literal_text(string hostile)
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        await deals.CreateAsync(new Deal { DealName = "Ordinary deal" }, CancellationToken.None);
        await deals.CreateAsync(new Deal { DealName = "Another" }, CancellationToken.None);
        var literal = await deals.CreateAsync(new Deal { DealName = "Holds " + hostile + " inside" }, CancellationToken.None);

        var exact = await deals.Where(d => d.DealName == hostile).ToListAsync(CancellationToken.None);
        var containing = await deals.Where(d => d.DealName.Contains(hostile)).ToListAsync(CancellationToken.None);

        Assert.Empty(exact);
        Assert.Equal([literal.Id], containing.Select(d => d.Id));
        Assert.Equal(3, await session.Emulator.CountRecordsAsync(Deal.WorkiomListId));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{\"listId\":\"LIST\",\"filter\":[{\"fieldId\":\"2014502 OR 1=1\",\"operator\":0,\"value\":\"x\"}]}")]
    [InlineData("{\"listId\":\"LIST' OR '1'='1\"}")]
    [InlineData("{\"listId\":\"LIST\",\"filter\":[{\"fieldId\":2014502,\"operator\":\"0 OR 1=1\",\"value\":\"x\"}]}")]
    [InlineData("{\"listId\":\"LIST\",\"filter\":[{\"fieldId\":2014502,\"operator\":0,\"value\":\"x\"}],\"filterCollectionOperator\":\"1) OR (1=1\"}")]
    public async Task Hostile_filter_structure_is_refused_as_a_bad_request(string body)
    {
        await using var session = await EmulatorSession.StartAsync();
        await session.Client.Deals().CreateAsync(new Deal { DealName = "Kept" }, CancellationToken.None);

        var (status, envelope) = await PostDataAllAsync(session, body);

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"Got {(int)status}: {envelope}");
        Assert.False(envelope["success"]!.GetValue<bool>());
        Assert.Equal(1, await session.Emulator.CountRecordsAsync(Deal.WorkiomListId));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(HostileTexts))]
    [InlineData("' OR 1=1 --")]
    public async Task A_hostile_quick_search_finds_only_the_record_holding_it_as_literal_text(string hostile)
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        // A server that ignores the search, or evaluates it as SQL, a LIKE pattern or a regex, finds these too.
        await deals.CreateAsync(new Deal { DealName = "Ordinary deal" }, CancellationToken.None);
        await deals.CreateAsync(new Deal { DealName = "Another" }, CancellationToken.None);
        await deals.CreateAsync(new Deal { DealName = "Holds " + hostile[..^1] + " but cut short" }, CancellationToken.None);
        var literal = await deals.CreateAsync(new Deal { DealName = "Holds " + hostile + " inside" }, CancellationToken.None);

        var found = await deals.Query().Search(hostile).ToListAsync(CancellationToken.None);
        var counted = await deals.Query().Search(hostile).CountAsync(CancellationToken.None);

        Assert.Equal([literal.Id], found.Select(d => d.Id));
        Assert.Equal(1, counted);
        Assert.Equal(4, await session.Emulator.CountRecordsAsync(Deal.WorkiomListId));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{\"listId\":\"LIST\",\"sorting\":[{\"fieldId\":\"2014502; DROP TABLE records\",\"sortDirection\":0}]}")]
    [InlineData("{\"listId\":\"LIST\",\"projectedFields\":[\"_id FROM records --\"]}")]
    [InlineData("{\"listId\":\"LIST\",\"projectedFields\":[\"2014502\",\"* FROM sqlite_master --\"]}")]
    public async Task Hostile_sorting_or_projection_reads_only_the_list_as_data(string body)
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        var kept = new List<string>();
        foreach (var name in new[] { "Kept one", "Kept two", "Kept three" })
        {
            kept.Add((await deals.CreateAsync(new Deal { DealName = name }, CancellationToken.None)).Id!);
        }

        var (status, envelope) = await PostDataAllAsync(session, body);

        // Refused, or the list's own records: all of them, each once, holding no key the list lacks.
        if (status == HttpStatusCode.OK)
        {
            var items = envelope["result"]!["items"]!.AsArray();
            Assert.Equal(kept.Order(), items.Select(item => item!["_id"]!.GetValue<string>()).Order());
            Assert.All(items, item => Assert.All(item!.AsObject(), pair => Assert.True(pair.Key == "_id" || long.TryParse(pair.Key, out _), $"Unexpected key '{pair.Key}'")));
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.False(envelope["success"]!.GetValue<bool>());
        }

        Assert.Equal(kept.Order(), (await session.Emulator.GetRecordIdsAsync(Deal.WorkiomListId)).Order());
    }

    private static async Task<(HttpStatusCode Status, JsonNode Envelope)> PostDataAllAsync(EmulatorSession session, string body)
    {
        using var http = session.RawHttp();
        using var reply = await http.PostAsync("api/services/app/Data/All",
            new StringContent(body.Replace("LIST", Deal.WorkiomListId, StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        return (reply.StatusCode, JsonNode.Parse(await reply.Content.ReadAsStringAsync())!);
    }

    /// <summary>
    /// A store on disk at root/a/b/c/workiom.db, with a planted file at every level a file name or id could
    /// reach by traversal (root, root/a, root/a/b, root/a/b/c). An emulator that used a name or an id as a
    /// path would overwrite one of them or serve one back.
    /// </summary>
    private sealed class PlantedStore : IAsyncDisposable
    {
        private static readonly byte[] Planted = Encoding.UTF8.GetBytes("planted outside the store: never served, never overwritten");
        private readonly DirectoryInfo _root;

        private PlantedStore(DirectoryInfo root, string store, EmulatorSession session)
        {
            _root = root;
            StoreFolder = store;
            Session = session;
        }

        public EmulatorSession Session { get; }

        public string Root => _root.FullName;

        public string StoreFolder { get; }

        public string DatabasePath => Path.Combine(StoreFolder, "workiom.db");

        public IEnumerable<string> PlantedFiles(string name) =>
            new[] { Root, Path.Combine(Root, "a"), Path.Combine(Root, "a", "b"), StoreFolder }.Select(folder => Path.Combine(folder, name));

        public static async Task<PlantedStore> StartAsync(params string[] plantedNames)
        {
            var root = Directory.CreateTempSubdirectory("workiom-reliability-");
            string store = Directory.CreateDirectory(Path.Combine(root.FullName, "a", "b", "c")).FullName;
            foreach (string name in plantedNames)
            {
                foreach (string folder in new[] { root.FullName, Path.Combine(root.FullName, "a"), Path.Combine(root.FullName, "a", "b"), store })
                {
                    await File.WriteAllBytesAsync(Path.Combine(folder, name), Planted);
                }
            }

            try
            {
                var session = await EmulatorSession.StartAsync(o => new WorkiomEmulatorOptions
                {
                    SchemaPaths = o.SchemaPaths,
                    ApiKey = o.ApiKey,
                    DatabasePath = Path.Combine(store, "workiom.db"),
                });
                return new PlantedStore(root, store, session);
            }
            catch
            {
                root.Delete(recursive: true);
                throw;
            }
        }

        public string Resolve(string hostile) => hostile.Replace("{root}", Root, StringComparison.Ordinal).Replace("{db}", DatabasePath, StringComparison.Ordinal);

        /// <summary>Every planted file still holds what was planted, and nothing else was written outside the database's own files.</summary>
        public void AssertUntouched(params string[] plantedNames)
        {
            var planted = plantedNames.SelectMany(PlantedFiles).ToHashSet(StringComparer.Ordinal);
            foreach (string file in planted)
            {
                Assert.Equal(Planted, File.ReadAllBytes(file));
            }

            Assert.All(
                Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(f => !planted.Contains(f)),
                f => Assert.True(Path.GetDirectoryName(f) == StoreFolder && Path.GetFileName(f).StartsWith("workiom.db", StringComparison.Ordinal), $"Unexpected file {f}"));
        }

        public static bool IsPlanted(byte[] bytes) => bytes.AsSpan().SequenceEqual(Planted);

        public async ValueTask DisposeAsync()
        {
            await Session.DisposeAsync();
            _root.Delete(recursive: true);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("../../../escaped.txt")]
    [InlineData("../escaped.txt")]
    [InlineData("..\\..\\..\\escaped.txt")]
    [InlineData("{root}/escaped.txt")]
    [InlineData("{root}/a/b/escaped.txt")]
    [InlineData("C:\\Windows\\escaped.txt")]
    [InlineData("sub/../../escaped.txt")]
    public async Task Hostile_file_names_never_become_paths(string hostileName)
    {
        await using var store = await PlantedStore.StartAsync("escaped.txt");
        var client = store.Session.Client;
        string fileName = store.Resolve(hostileName);
        byte[] bytes = Encoding.UTF8.GetBytes("hostile name, harmless bytes");

        using var content = new MemoryStream(bytes);
        var uploaded = await client.UploadFileAsync(content, fileName, "text/plain", CancellationToken.None);
        var deal = new Deal { DealName = "With file" };
        deal.Contract.Add(uploaded);
        var created = await client.Deals().CreateAsync(deal, CancellationToken.None);
        var read = await client.Deals().GetAsync(created.Id!, CancellationToken.None);
        string fileId = read.Contract.Single().Id!;
        using var http = store.Session.RawHttp();
        using var download = await http.GetAsync("File/DownloadFile?id=" + Uri.EscapeDataString(fileId));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        // The name is data: its last part only, the same in the upload reply, the stored record and the download.
        Assert.Equal("escaped.txt", uploaded.FileName);
        Assert.Equal("escaped.txt", read.Contract.Single().FileName);
        Assert.Equal("escaped.txt", download.Content.Headers.ContentDisposition?.FileNameStar);
        // Nothing was written where the name pointed, and nothing planted there was overwritten.
        store.AssertUntouched("escaped.txt");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("../secret.txt")]
    [InlineData("../../../secret.txt")]
    [InlineData("..%2Fsecret.txt")]
    [InlineData("..\\secret.txt")]
    [InlineData("secret.txt")]
    [InlineData("{root}/secret.txt")]
    [InlineData("{db}")]
    [InlineData("workiom.db")]
    [InlineData("{id}/../../secret.txt")]
    [InlineData("' OR '1'='1")]
    [InlineData("x' OR stored_id IS NOT NULL --")]
    [InlineData("%")]
    public async Task Downloading_by_a_hostile_file_id_finds_nothing(string hostileId)
    {
        await using var store = await PlantedStore.StartAsync("secret.txt");
        var client = store.Session.Client;
        // A real stored file, so that an id evaluated as SQL or as a pattern would find something.
        byte[] bytes = Encoding.UTF8.GetBytes("the only stored file");
        using (var content = new MemoryStream(bytes))
        {
            var deal = new Deal { DealName = "With file" };
            deal.Contract.Add(await client.UploadFileAsync(content, "stored.txt", "text/plain", CancellationToken.None));
            deal = await client.Deals().CreateAsync(deal, CancellationToken.None);
            hostileId = store.Resolve(hostileId).Replace("{id}", deal.Contract.Single().Id!, StringComparison.Ordinal);
            await using var real = await client.DownloadFileAsync(deal.Contract.Single().Id!, CancellationToken.None);
            using var copy = new MemoryStream();
            await real.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        var error = await Assert.ThrowsAnyAsync<WorkiomApiException>(async () =>
        {
            await using var served = await client.DownloadFileAsync(hostileId, CancellationToken.None);
            using var copy = new MemoryStream();
            await served.CopyToAsync(copy);
            Assert.Fail(PlantedStore.IsPlanted(copy.ToArray()) ? "A planted file outside the store was served." : $"{copy.Length} bytes were served for '{hostileId}'.");
        });

        Assert.True(error.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"Got {error.StatusCode}");
        store.AssertUntouched("secret.txt");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_and_upload_size_limits_hold_and_lose_nothing()
    {
        await using var session = await EmulatorSession.StartAsync(o => new WorkiomEmulatorOptions
        {
            SchemaPaths = o.SchemaPaths,
            ApiKey = o.ApiKey,
            MaxJsonBodyBytes = 16 * 1024,
            MaxUploadBytes = 8 * 1024,
        });
        var deals = session.Client.Deals();
        var kept = await deals.CreateAsync(new Deal { DealName = "Kept" }, CancellationToken.None);

        var tooLarge = await Assert.ThrowsAsync<WorkiomApiException>(
            () => deals.CreateAsync(new Deal { DealName = new string('x', 32 * 1024) }, CancellationToken.None));
        kept.DealName = new string('y', 32 * 1024);
        var tooLargeUpdate = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.UpdateAsync(kept, CancellationToken.None));
        using var bigFile = new MemoryStream(new byte[16 * 1024]);
        var tooLargeUpload = await Assert.ThrowsAsync<WorkiomApiException>(
            () => session.Client.UploadFileAsync(bigFile, "big.bin", "application/octet-stream", CancellationToken.None));
        using var smallFile = new MemoryStream(new byte[4 * 1024]);
        var accepted = await session.Client.UploadFileAsync(smallFile, "small.bin", "application/octet-stream", CancellationToken.None);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeUpdate.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeUpload.StatusCode);
        Assert.False(string.IsNullOrEmpty(accepted.FileToken));
        Assert.Equal([kept.Id!], await session.Emulator.GetRecordIdsAsync(Deal.WorkiomListId));
        Assert.Equal("Kept", (await session.StoredAsync(Deal.WorkiomListId, kept.Id!))!["2014502"]!.GetValue<string>());
    }

    /// <summary>Runs the failures a caller can meet, collecting what each threw.</summary>
    private static async Task<List<Exception>> CollectFailuresAsync(EmulatorSession session, string echoId)
    {
        var deals = session.Client.Deals();
        var faults = new[]
        {
            new EmulatorFault("Data/Get", FaultKind.TruncatedBody),
            new EmulatorFault("Data/Get", FaultKind.UnsuccessfulReply),
            new EmulatorFault("Data/Get", FaultKind.ServerError, statusCode: 500),
            new EmulatorFault("Data/Get", FaultKind.DropConnection, times: session.Client.Options.MaxAttempts),
            new EmulatorFault("Data/Get", FaultKind.TooManyRequests, retryAfter: TimeSpan.FromMinutes(5)),
        };
        var failures = new List<Exception>();
        foreach (var fault in faults)
        {
            session.Emulator.Faults.Enqueue(fault);
            failures.Add(await Assert.ThrowsAnyAsync<WorkiomException>(() => deals.GetAsync(echoId, CancellationToken.None)));
        }

        // A create is not repeated after a timeout, so one slow reply is enough to see the timeout's message.
        session.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.SlowReply, delay: EmulatorSession.AttemptTimeout * 3));
        failures.Add(await Assert.ThrowsAsync<WorkiomTimeoutException>(() => deals.CreateAsync(new Deal { DealName = "Slow" }, CancellationToken.None)));

        failures.Add(await Assert.ThrowsAnyAsync<WorkiomException>(() => deals.GetAsync("no-such-record", CancellationToken.None)));
        var nameless = await deals.GetAsync(echoId, CancellationToken.None);
        // The list requires a name, so clearing it earns a validation error that names the field.
        nameless.DealName = null;
        failures.Add(await Assert.ThrowsAnyAsync<WorkiomApiException>(() => deals.UpdateAsync(nameless, CancellationToken.None)));
        return failures;
    }

    /// <summary>The value after "accessToken":" in a text, when one is there.</summary>
    private static string? TokenIn(string text)
    {
        const string marker = "\"accessToken\":\"";
        int start = text.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        int end = text.IndexOfAny(['"', '…', ' '], start);
        string value = end < 0 ? text[start..] : text[start..end];
        return value.Length >= 8 && value != "(redacted)" ? value : null;
    }

    /// <summary>Passes requests on and keeps every bearer token they carried.</summary>
    private sealed class BearerRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public ConcurrentQueue<string> Tokens { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token })
            {
                Tokens.Enqueue(token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Signs in through TokenAuth/Authenticate itself and remembers every token it handed out.</summary>
    private sealed class RecordingTokenProvider(WorkiomEmulator emulator) : IWorkiomTokenProvider
    {
        private string? _token;

        public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            if (_token is not null)
            {
                return _token;
            }

            using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
            var user = EmulatorUser.Default;
            using var reply = await http.PostAsJsonAsync(
                "api/TokenAuth/Authenticate",
                new { tenancyName = user.TenantName, userNameOrEmailAddress = user.UserName, password = user.Password },
                cancellationToken);
            var envelope = JsonNode.Parse(await reply.Content.ReadAsStringAsync(cancellationToken))!;
            _token = envelope["result"]!["accessToken"]!.GetValue<string>();
            return _token;
        }

        public void Invalidate() => _token = null;
    }
}
