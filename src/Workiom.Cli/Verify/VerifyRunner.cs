using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Http;
using Workiom.Queries;
using Workiom.Serialization;

namespace Workiom.Cli.Verify;

/// <summary>
/// Runs 'workiom verify' on one list: creates a record with a value in every writable field, reads it
/// back, updates each field partially, appends a file, replaces the record, queries it with every
/// operator the client offers, clears it and deletes it. Every call goes through the client's own
/// transport, with values written and read by the client's own code.
/// </summary>
internal sealed class VerifyRunner
{
    private const string DataPath = "api/services/app/Data/";

    /// <summary>How long the clean-up may take once the run was cancelled or failed.</summary>
    public static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    private readonly WorkiomApi _api;
    private readonly WorkiomClient _client;
    private readonly string _listId;
    private readonly Action<string> _progress;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<VerifyCheck> _checks = [];
    private readonly Dictionary<int, VerifySample> _current = [];
    private readonly Dictionary<int, WorkiomWriteShapes> _shapes = [];
    private readonly Dictionary<int, (WorkiomFile A, WorkiomFile B)> _uploads = [];
    private readonly Dictionary<int, List<WorkiomLink>> _targets = [];
    private readonly HashSet<int> _broken = [];
    private IReadOnlyList<VerifyField> _fields = [];
    private List<VerifyField> _testable = [];
    private WorkiomUser? _me;

    public VerifyRunner(WorkiomApi api, WorkiomClient client, string listId, Action<string> progress)
    {
        _api = api;
        _client = client;
        _listId = listId;
        _progress = progress;
    }

    public IReadOnlyList<VerifyCheck> Checks => _checks;

    /// <summary>The record verify created, once it exists.</summary>
    public string? RecordId { get; private set; }

    public bool RecordDeleted { get; private set; }

    public bool Cancelled { get; private set; }

    /// <summary>What the clean-up did (or why it could not), or null when there was nothing to clean up.</summary>
    public string? Cleanup { get; private set; }

    public async Task RunAsync(JsonElement list, CancellationToken cancellationToken)
    {
        _fields = VerifyField.All(list);
        try
        {
            await PrepareAsync(cancellationToken);
            if (!await CreateAsync(cancellationToken))
            {
                return;
            }

            await UpdatePartialAsync(cancellationToken);
            await AppendFilesAsync(cancellationToken);
            await ReplaceAsync(cancellationToken);
            await QueryAsync("query", cancellationToken);
            await ClearAsync(cancellationToken);
            await QueryAsync("query empty", cancellationToken);
            await DeleteAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled = true;
        }
        catch (Exception e) when (e is WorkiomException or CliException or JsonException or InvalidOperationException or ArgumentException)
        {
            Add("stopped", null, null, null, string.Empty, Message(e), "the run to finish", VerifyOutcome.Fail, "verify could not go on");
        }
        finally
        {
            if (RecordId is not null && !RecordDeleted)
            {
                await CleanUpAsync();
            }
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _progress("Reading the list's fields.");
        foreach (var field in _fields)
        {
            if (!Enum.IsDefined(field.Type))
            {
                Add("plan", field, null, null, string.Empty, string.Empty, "a known data type", VerifyOutcome.NotTested, "data type " + field.DataType + " is newer than this tool");
                continue;
            }

            if (field.IsReadOnly)
            {
                Add("plan", field, null, null, string.Empty, string.Empty, "not written", VerifyOutcome.NotTested,
                    field.IsSystem ? "system field: read-only" : "read-only (" + (field.IsComputed ? "computed" : field.Type.ToString()) + ")");
                continue;
            }

            _testable.Add(field);
        }

        if (_testable.Any(f => f.Type is WorkiomDataType.User or WorkiomDataType.MultiUser))
        {
            _me = await CurrentUserAsync(cancellationToken);
        }

        foreach (var field in _testable.Where(f => f.Type is WorkiomDataType.LinkList or WorkiomDataType.Dependency).ToList())
        {
            string? reason = await FindTargetsAsync(field, cancellationToken);
            if (reason is not null)
            {
                NotTested(field, reason);
            }
        }

        foreach (var field in _testable.Where(f => f.Type is WorkiomDataType.StaticSelect or WorkiomDataType.Status or WorkiomDataType.MultiStaticSelect).ToList())
        {
            if (field.Options.Count == 0)
            {
                NotTested(field, "the field has no options in Lists/Get");
            }
        }

        foreach (var field in _testable.Where(f => f.Type is WorkiomDataType.User or WorkiomDataType.MultiUser).ToList())
        {
            if (_me is null)
            {
                NotTested(field, "Session/GetCurrentLoginInformations named no user");
            }
        }

        foreach (var field in _testable.Where(f => f.Type is WorkiomDataType.File or WorkiomDataType.Signature).ToList())
        {
            await UploadAsync(field, cancellationToken);
        }
    }

    private void NotTested(VerifyField field, string reason)
    {
        _testable.Remove(field);
        Add("plan", field, null, null, string.Empty, string.Empty, "a value to write", VerifyOutcome.NotTested, reason);
    }

    private async Task<WorkiomUser?> CurrentUserAsync(CancellationToken cancellationToken)
    {
        var session = await CallAsync(HttpMethod.Get, "api/services/app/Session/GetCurrentLoginInformations", null, idempotent: true, cancellationToken);
        if (session is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object
            || !user.TryGetProperty("id", out var id))
        {
            return null;
        }

        long? userId = id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out long n) ? n
            : id.ValueKind == JsonValueKind.String && long.TryParse(id.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? parsed
            : null;
        if (userId is null)
        {
            return null;
        }

        string? Text(string name) => user.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string fullName = string.Join(' ', new[] { Text("name"), Text("surname") }.Where(p => !string.IsNullOrEmpty(p)));
        return new WorkiomUser(userId.Value, fullName.Length == 0 ? null : fullName, Text("emailAddress")) { UserName = Text("userName") };
    }

    /// <summary>Records to link to: of the linked list (LinkList) or of this list (Dependency). Null when found, else why not.</summary>
    private async Task<string?> FindTargetsAsync(VerifyField field, CancellationToken cancellationToken)
    {
        string? targetList = field.Type == WorkiomDataType.Dependency ? _listId : field.LinkedListId;
        if (string.IsNullOrEmpty(targetList))
        {
            return "the field names no linked list";
        }

        try
        {
            var list = await _api.GetListAsync(targetList, cancellationToken);
            var primary = VerifyField.All(list).FirstOrDefault(f => f.IsPrimary);
            var body = new JsonObject { ["listId"] = targetList, ["maxResultCount"] = 2, ["skipCount"] = 0 };
            var page = await CallAsync(HttpMethod.Post, DataPath + "All", body, idempotent: true, cancellationToken);
            var links = new List<WorkiomLink>();
            if (page is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    string? id = item.TryGetProperty("_id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                    string? label = primary is not null && item.TryGetProperty(primary.Key, out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                    if (!string.IsNullOrEmpty(id))
                    {
                        links.Add(new WorkiomLink(id, label));
                    }
                }
            }

            if (links.Count == 0)
            {
                return field.Type == WorkiomDataType.Dependency
                    ? "the list has no other record to depend on; add one and run again"
                    : "the linked list has no record to link to; add one and run again";
            }

            _targets[field.Id] = links;
            return null;
        }
        catch (Exception e) when (e is WorkiomException or CliException)
        {
            return "the linked list could not be read: " + Message(e);
        }
    }

    private async Task UploadAsync(VerifyField field, CancellationToken cancellationToken)
    {
        bool signature = field.Type == WorkiomDataType.Signature;
        async Task<WorkiomFile> Upload(string suffix)
        {
            string name = "workiom-verify-" + _run + "-" + suffix + (signature ? ".png" : ".txt");
            byte[] bytes = signature ? TinyPng : Encoding.UTF8.GetBytes("workiom verify " + _run + " " + suffix + "\n");
            using var stream = new MemoryStream(bytes);
            var file = await _client.UploadFileAsync(stream, name, signature ? "image/png" : "text/plain", cancellationToken);
            Add("upload", field, null, null, name + " (" + bytes.Length + " bytes)", "fileToken " + (file.FileToken is null ? "missing" : "received"),
                "a fileToken", file.FileToken is null ? VerifyOutcome.Fail : VerifyOutcome.Pass);
            return file;
        }

        try
        {
            var a = await Upload("a");
            var b = await Upload("b");
            if (a.FileToken is null || b.FileToken is null)
            {
                _testable.Remove(field);
                return;
            }

            _uploads[field.Id] = (a, b);
        }
        catch (WorkiomException e)
        {
            _testable.Remove(field);
            Add("upload", field, null, null, "File/Upload", Message(e), "a fileToken", VerifyOutcome.Fail);
        }
    }

    private VerifySample Sample(VerifyField field, int version)
    {
        string run = _run;
        return field.Type switch
        {
            WorkiomDataType.Text => new VerifySample { Field = field, Text = "verify " + version + " " + run },
            WorkiomDataType.Website => new VerifySample { Field = field, Text = "https://example.com/verify-" + run + "-" + version },
            WorkiomDataType.Email => new VerifySample { Field = field, Text = "verify-" + run + "-" + version + "@example.com" },
            WorkiomDataType.PhoneNumber => new VerifySample { Field = field, Text = "+1555010" + version },
            WorkiomDataType.Number or WorkiomDataType.Currency or WorkiomDataType.ProgressBar => new VerifySample { Field = field, Number = 40 + version },
            WorkiomDataType.DateTime when field.DateType == 0 => new VerifySample { Field = field, Date = new DateOnly(2026, 3, 14).AddDays(version) },
            WorkiomDataType.DateTime => new VerifySample { Field = field, Time = new DateTimeOffset(2026, 3, 14, 10, 30, 0, TimeSpan.Zero).AddDays(version) },
            WorkiomDataType.Boolean => new VerifySample { Field = field, Flag = version % 2 == 0 },
            WorkiomDataType.StaticSelect or WorkiomDataType.Status => new VerifySample { Field = field, Options = [field.Options[version % field.Options.Count]] },
            WorkiomDataType.MultiStaticSelect => new VerifySample
            {
                Field = field,
                Options = version == 0 ? [field.Options[0]] : field.Options.Count >= 3 ? [field.Options[0], field.Options[1]] : [field.Options[1 % field.Options.Count]],
            },
            WorkiomDataType.User or WorkiomDataType.MultiUser => new VerifySample { Field = field, Users = [_me!] },
            WorkiomDataType.LinkList or WorkiomDataType.Dependency => new VerifySample { Field = field, Links = [_targets[field.Id][version % _targets[field.Id].Count]] },
            WorkiomDataType.File or WorkiomDataType.Signature => new VerifySample { Field = field, NewFiles = [version == 0 ? _uploads[field.Id].A : _uploads[field.Id].B] },
            WorkiomDataType.CheckList => new VerifySample
            {
                Field = field,
                CheckList = version == 0
                    ? [new CheckListItem("verify step " + run)]
                    : [new CheckListItem("verify step " + run, Checked: true), new CheckListItem("second step " + run)],
            },
            WorkiomDataType.Location => new VerifySample { Field = field, Place = "verify place " + version + " " + run },
            _ => throw new InvalidOperationException("No sample for data type " + field.TypeName + "."),
        };
    }

    /// <summary>The write shapes a disputed field can take, the client's default first.</summary>
    private static IReadOnlyList<(string Name, WorkiomWriteShapes Shapes)> Variants(VerifyField field)
    {
        var d = WorkiomWriteShapes.Default;
        return field.Type switch
        {
            WorkiomDataType.StaticSelect =>
            [
                (nameof(WorkiomWriteShapes.StaticSelect) + "=" + d.StaticSelect, d),
                (nameof(WorkiomWriteShapes.StaticSelect) + "=" + Other(d.StaticSelect), d with { StaticSelect = Other(d.StaticSelect) }),
            ],
            WorkiomDataType.Status =>
            [
                (nameof(WorkiomWriteShapes.Status) + "=" + d.Status, d),
                (nameof(WorkiomWriteShapes.Status) + "=" + Other(d.Status), d with { Status = Other(d.Status) }),
            ],
            WorkiomDataType.MultiStaticSelect =>
            [
                (nameof(WorkiomWriteShapes.MultiStaticSelect) + "=" + d.MultiStaticSelect, d),
                (nameof(WorkiomWriteShapes.MultiStaticSelect) + "=" + Other(d.MultiStaticSelect), d with { MultiStaticSelect = Other(d.MultiStaticSelect) }),
            ],
            WorkiomDataType.User or WorkiomDataType.MultiUser =>
            [
                (nameof(WorkiomWriteShapes.User) + "=" + d.User, d),
                (nameof(WorkiomWriteShapes.User) + "=" + Other(d.User), d with { User = Other(d.User) }),
            ],
            WorkiomDataType.LinkList =>
            [
                (nameof(WorkiomWriteShapes.LinkList) + "=" + d.LinkList, d),
                (nameof(WorkiomWriteShapes.LinkList) + "=" + Other(d.LinkList), d with { LinkList = Other(d.LinkList) }),
            ],
            _ => [],
        };
    }

    private static T Other<T>(T value) where T : struct, Enum => Enum.GetValues<T>().First(v => !EqualityComparer<T>.Default.Equals(v, value));

    private string? VariantName(VerifyField field) =>
        Variants(field) is { Count: > 0 } variants
            ? variants.First(v => v.Shapes == Shapes(field)).Name
            : null;

    private WorkiomWriteShapes Shapes(VerifyField field) => _shapes.GetValueOrDefault(field.Id, WorkiomWriteShapes.Default);

    private async Task<bool> CreateAsync(CancellationToken cancellationToken)
    {
        _progress("Creating the record.");
        var samples = _testable.ToDictionary(f => f.Id, f => Sample(f, 0));
        var body = Body(_testable, f => samples[f.Id].Write(WorkiomWriteShapes.Default));
        var pending = new List<VerifyField>();
        JsonElement? created;
        try
        {
            created = await CallAsync(HttpMethod.Post, DataPath + "Create?listId=" + Uri.EscapeDataString(_listId), body, idempotent: false, cancellationToken);
        }
        catch (WorkiomApiException e)
        {
            // The whole create was refused: create the record with its required fields only, then write
            // every other field alone, so the report names the field (and shape) Workiom refuses.
            pending = _testable.Where(f => !(f.IsRequired || f.IsPrimary)).ToList();
            Add("create", null, null, null, Compact(body), "refused: " + Message(e), "the record created", VerifyOutcome.Fail,
                "trying again with the required fields only, then each other field alone");
            var rest = _testable.Except(pending).ToList();
            body = Body(rest, f => samples[f.Id].Write(WorkiomWriteShapes.Default));
            try
            {
                created = await CallAsync(HttpMethod.Post, DataPath + "Create?listId=" + Uri.EscapeDataString(_listId), body, idempotent: false, cancellationToken);
            }
            catch (WorkiomApiException again)
            {
                Add("create", null, null, null, Compact(body), "refused: " + Message(again), "the record created", VerifyOutcome.Fail);
                return false;
            }
        }

        RecordId = created is { ValueKind: JsonValueKind.Object } c
            ? (c.TryGetProperty("_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
                : c.TryGetProperty("id", out var alt) && alt.ValueKind == JsonValueKind.String ? alt.GetString() : null)
            : null;
        if (string.IsNullOrEmpty(RecordId))
        {
            RecordId = null;
            Add("create", null, null, null, Compact(body), created is null ? "no record" : SampleText(created.Value), "a record with _id", VerifyOutcome.Fail,
                "the record may exist in Workiom without its id being known; look for values containing " + _run);
            return false;
        }

        Add("create", null, null, null, "Data/Create with " + body.Count + " fields", "_id " + RecordId, "a record with _id", VerifyOutcome.Pass);
        var record = await GetAsync(cancellationToken);
        foreach (var field in _testable.ToList())
        {
            var sample = samples[field.Id];
            if (pending.Contains(field))
            {
                await TryVariantsAsync(field, sample, skipDefault: false, cancellationToken);
                continue;
            }

            var (ok, read, note) = sample.Check(Value(record, field));
            if (!ok && Variants(field).Count > 0)
            {
                Add("create", field, null, Variants(field)[0].Name, Compact(sample.Write(WorkiomWriteShapes.Default)), read, sample.Describe(), VerifyOutcome.Fail,
                    note ?? "stored otherwise; trying the other shape");
                await TryVariantsAsync(field, sample, skipDefault: true, cancellationToken);
                continue;
            }

            Record("create", field, VariantName(field), Compact(sample.Write(WorkiomWriteShapes.Default)), sample, sample.Describe(), ok, read, note);
        }

        return true;
    }

    private async Task TryVariantsAsync(VerifyField field, VerifySample sample, bool skipDefault, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string? Name, WorkiomWriteShapes Shapes)> variants = Variants(field) is { Count: > 0 } disputed
            ? disputed.Select(v => ((string?)v.Name, v.Shapes)).ToList()
            : [(null, WorkiomWriteShapes.Default)];
        for (int i = skipDefault ? 1 : 0; i < variants.Count; i++)
        {
            var (name, shapes) = variants[i];
            var value = sample.Write(shapes);
            try
            {
                await UpdatePartialCallAsync(new JsonObject { [field.Key] = value }, cancellationToken);
            }
            catch (WorkiomApiException e)
            {
                Add("create", field, null, name, Compact(value), "refused: " + Message(e), sample.Describe(), VerifyOutcome.Fail, "written alone with Data/UpdatePartial");
                continue;
            }

            var record = await GetAsync(cancellationToken);
            var (ok, read, note) = sample.Check(Value(record, field));
            Add("create", field, null, name, Compact(value), read, sample.Describe(), ok ? VerifyOutcome.Pass : VerifyOutcome.Fail,
                note ?? "written alone with Data/UpdatePartial" + (ok && i > 0 ? "; this shape worked, the client's default did not" : string.Empty));
            if (ok)
            {
                _shapes[field.Id] = shapes;
                _current[field.Id] = sample;
                return;
            }
        }

        _broken.Add(field.Id);
    }

    private IEnumerable<VerifyField> Working => _testable.Where(f => !_broken.Contains(f.Id));

    private async Task UpdatePartialAsync(CancellationToken cancellationToken)
    {
        _progress("Updating each field partially.");
        foreach (var field in Working.Where(f => f.Type != WorkiomDataType.File).ToList())
        {
            var sample = Sample(field, 1);
            var value = sample.Write(Shapes(field));
            await WriteAndCheckAsync("update partial", field, sample, value, cancellationToken);
        }
    }

    private async Task AppendFilesAsync(CancellationToken cancellationToken)
    {
        var files = Working.Where(f => f.Type == WorkiomDataType.File).ToList();
        if (files.Count == 0)
        {
            return;
        }

        _progress("Appending a second file.");
        var record = await GetAsync(cancellationToken);
        foreach (var field in files)
        {
            // The file items already stored go back exactly as they were read; only the new one uses the write shape.
            var kept = Value(record, field) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(e => e.Clone()).ToList() : [];
            var sample = new VerifySample { Field = field, KeptFiles = kept, NewFiles = [_uploads[field.Id].B] };
            await WriteAndCheckAsync("append file", field, sample, sample.Write(Shapes(field)), cancellationToken);
        }
    }

    private async Task WriteAndCheckAsync(string step, VerifyField field, VerifySample sample, JsonNode? value, CancellationToken cancellationToken)
    {
        try
        {
            await UpdatePartialCallAsync(new JsonObject { [field.Key] = value?.DeepClone() }, cancellationToken);
        }
        catch (WorkiomApiException e)
        {
            Add(step, field, null, VariantName(field), Compact(value), "refused: " + Message(e), sample.Describe(), VerifyOutcome.Fail);
            _broken.Add(field.Id);
            return;
        }

        var record = await GetAsync(cancellationToken);
        var (ok, read, note) = sample.Check(Value(record, field));
        Record(step, field, VariantName(field), Compact(value), sample, sample.Describe(), ok, read, note);
    }

    private async Task ReplaceAsync(CancellationToken cancellationToken)
    {
        _progress("Replacing the whole record.");
        var record = await GetAsync(cancellationToken);
        var whole = JsonNode.Parse(record.GetRawText())!.AsObject();
        var changed = new List<VerifyField>();
        foreach (var field in new[]
        {
            Working.FirstOrDefault(f => f.Type is WorkiomDataType.Text or WorkiomDataType.Website or WorkiomDataType.Email or WorkiomDataType.PhoneNumber),
            Working.FirstOrDefault(f => f.Type is WorkiomDataType.Number or WorkiomDataType.Currency or WorkiomDataType.ProgressBar),
        })
        {
            if (field is not null)
            {
                var sample = Sample(field, 2);
                whole[field.Key] = sample.Write(Shapes(field));
                _current[field.Id] = sample;
                changed.Add(field);
            }
        }

        string sent = "the whole record as read" + (changed.Count == 0 ? string.Empty : ", with " + string.Join(", ", changed.Select(f => f.Label)) + " changed");
        try
        {
            await CallAsync(HttpMethod.Put, DataPath + "Update" + RecordQuery(), whole, idempotent: true, cancellationToken);
        }
        catch (WorkiomApiException e)
        {
            Add("replace", null, null, null, sent, "refused: " + Message(e), "the record replaced", VerifyOutcome.Fail);
            return;
        }

        Add("replace", null, null, null, sent, "accepted", "the record replaced", VerifyOutcome.Pass);
        var after = await GetAsync(cancellationToken);
        foreach (var field in Working.ToList())
        {
            var sample = _current[field.Id];
            var (ok, read, note) = sample.Check(Value(after, field));
            Add("replace", field, null, null, changed.Contains(field) ? Compact(sample.Write(Shapes(field))) : "as read", read, sample.Describe(),
                ok ? VerifyOutcome.Pass : VerifyOutcome.Fail, note ?? (changed.Contains(field) ? "changed" : "kept"));
            if (!ok)
            {
                _broken.Add(field.Id);
            }
        }
    }

    private async Task QueryAsync(string step, CancellationToken cancellationToken)
    {
        _progress("Querying with every operator the client offers (" + step + ").");
        bool empty = step != "query";
        var fields = Working.Where(f => _current.ContainsKey(f.Id)).Select(f => (Field: f, Sample: _current[f.Id])).ToList();
        if (!empty)
        {
            // Read-only numbers (Count, AutoNumber, Rollup, computed) are queried with the value Workiom gave them.
            var record = await GetAsync(cancellationToken);
            foreach (var field in _fields.Where(f => f.IsReadOnly && !f.IsSystem && Enum.IsDefined(f.Type) && VerifyConditions.Descriptor(f) is NumberField<VerifyRecord>))
            {
                var stored = Value(record, field);
                decimal? value = null;
                try
                {
                    value = stored is null ? null : ReadDecimal(stored.Value, field.Id);
                }
                catch (WorkiomException)
                {
                    // Not a number the client can read: tested by emptiness only below.
                }

                fields.Add((field, value is null ? new VerifySample { Field = field, Clears = true } : new VerifySample { Field = field, Number = value }));
            }
        }
        else
        {
            fields = fields.Where(f => f.Sample.Clears).ToList();
        }

        foreach (var (field, sample) in fields)
        {
            foreach (var op in WorkiomOperators.For(field.Type))
            {
                if (empty && op is not (WorkiomFilterOperator.IsEmpty or WorkiomFilterOperator.IsNotEmpty))
                {
                    continue;
                }

                var pair = VerifyConditions.For(field, op, sample, _run);
                if (pair.Missing)
                {
                    Add(step, field, op.ToString(), null, string.Empty, string.Empty, "a condition", VerifyOutcome.Fail, pair.Reason);
                    continue;
                }

                if (pair.Match is not null)
                {
                    await QueryOneAsync(step, field, op, pair.Match, expectMatch: true, cancellationToken);
                }

                if (pair.NoMatch is not null)
                {
                    await QueryOneAsync(step, field, op, pair.NoMatch, expectMatch: false, cancellationToken);
                }

                if (pair.Reason is not null)
                {
                    Add(step, field, op.ToString(), null, string.Empty, string.Empty, pair.Match is null ? "a match" : "no match", VerifyOutcome.NotTested, pair.Reason);
                }
            }
        }
    }

    private async Task QueryOneAsync(string step, VerifyField field, WorkiomFilterOperator op, FilterCondition<VerifyRecord> condition, bool expectMatch, CancellationToken cancellationToken)
    {
        var item = condition.Items[0];
        string sent = Compact(VerifySample.Json(item.WriteTo));
        var body = Bytes(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("listId", _listId);
            writer.WriteStartArray("filter");
            item.WriteTo(writer);
            writer.WriteEndArray();
            writer.WriteNumber("filterCollectionOperator", (int)condition.Combinator);
            writer.WriteStartArray("ids");
            writer.WriteStringValue(RecordId);
            writer.WriteEndArray();
            writer.WriteNumber("maxResultCount", 10);
            writer.WriteNumber("skipCount", 0);
            writer.WriteEndObject();
        });
        string expected = expectMatch ? "the record" : "no record";
        JsonElement? page;
        try
        {
            page = await CallAsync(HttpMethod.Post, DataPath + "All", JsonNode.Parse(body), idempotent: true, cancellationToken);
        }
        catch (WorkiomApiException e)
        {
            Add(step, field, op.ToString(), null, sent, "refused: " + Message(e), expected, VerifyOutcome.Fail);
            return;
        }

        bool found = page is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            && items.EnumerateArray().Any(i => i.TryGetProperty("_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == RecordId);
        Add(step, field, op.ToString(), null, sent, found ? "the record" : "no record", expected, found == expectMatch ? VerifyOutcome.Pass : VerifyOutcome.Fail);
    }

    private async Task ClearAsync(CancellationToken cancellationToken)
    {
        _progress("Clearing the fields.");
        var clearable = new List<VerifyField>();
        foreach (var field in Working.ToList())
        {
            if (field.IsRequired || field.IsPrimary)
            {
                Add("clear", field, null, null, string.Empty, string.Empty, "empty", VerifyOutcome.NotTested, "required or primary: not cleared, so IsEmpty is not tried on an empty value");
                continue;
            }

            clearable.Add(field);
        }

        if (clearable.Count == 0)
        {
            return;
        }

        var body = Body(clearable, _ => null);
        try
        {
            await UpdatePartialCallAsync(body, cancellationToken);
        }
        catch (WorkiomApiException e)
        {
            Add("clear", null, null, null, Compact(body), "refused: " + Message(e), "the fields cleared", VerifyOutcome.Fail);
            return;
        }

        var record = await GetAsync(cancellationToken);
        foreach (var field in clearable)
        {
            var sample = new VerifySample { Field = field, Clears = true };
            var (ok, read, note) = sample.Check(Value(record, field));
            Record("clear", field, null, "null", sample, "empty", ok, read, note);
        }
    }

    private async Task DeleteAsync(CancellationToken cancellationToken)
    {
        _progress("Deleting the record.");
        await CallAsync(HttpMethod.Delete, DataPath + "Delete" + RecordQuery(), null, idempotent: true, cancellationToken);
        RecordDeleted = true;
        Cleanup = "The record " + RecordId + " was deleted.";
        string returned;
        bool gone;
        try
        {
            var again = await CallAsync(HttpMethod.Get, DataPath + "Get" + RecordQuery(), null, idempotent: true, cancellationToken);
            gone = again is null || again.Value.ValueKind == JsonValueKind.Null;
            returned = gone ? "no record" : "the record is still there";
        }
        catch (WorkiomNotFoundException)
        {
            gone = true;
            returned = "not found";
        }

        Add("delete", null, null, null, "Data/Delete", returned, "the record gone", gone ? VerifyOutcome.Pass : VerifyOutcome.Fail);
    }

    /// <summary>Deletes the record with a fresh, short deadline: runs after a failure or a cancellation too.</summary>
    private async Task CleanUpAsync()
    {
        using var timeout = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await CallAsync(HttpMethod.Delete, DataPath + "Delete" + RecordQuery(), null, idempotent: true, timeout.Token);
            RecordDeleted = true;
            Cleanup = "The record " + RecordId + " was deleted" + (Cancelled ? " after the cancellation." : " after the failure.");
        }
        catch (Exception e) when (e is WorkiomException or OperationCanceledException)
        {
            Cleanup = "Could not delete the record (" + Message(e) + "). Delete record " + RecordId + " of list " + _listId + " by hand.";
        }
    }

    private Task UpdatePartialCallAsync(JsonObject body, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, DataPath + "UpdatePartial" + RecordQuery(), body, idempotent: true, cancellationToken);

    private async Task<JsonElement> GetAsync(CancellationToken cancellationToken)
    {
        var record = await CallAsync(HttpMethod.Get, DataPath + "Get" + RecordQuery(), null, idempotent: true, cancellationToken);
        return record is { ValueKind: JsonValueKind.Object } r
            ? r
            : throw new CliException("Data/Get returned no record for " + RecordId + ".");
    }

    private string RecordQuery() => "?listId=" + Uri.EscapeDataString(_listId) + "&id=" + Uri.EscapeDataString(RecordId!);

    /// <summary>One call through the client's transport; the unwrapped result, or null.</summary>
    private async Task<JsonElement?> CallAsync(HttpMethod method, string path, JsonNode? body, bool idempotent, CancellationToken cancellationToken)
    {
        var content = body is null ? null : WorkiomTransport.JsonBody(writer => body.WriteTo(writer));
        var reply = await _client.Transport.SendAsync(method, path, content, idempotent, authenticate: true, cancellationToken);
        if (reply.ResultIsNull)
        {
            return null;
        }

        var reader = reply.ResultReader();
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    private static JsonObject Body(IEnumerable<VerifyField> fields, Func<VerifyField, JsonNode?> value)
    {
        var body = new JsonObject();
        foreach (var field in fields)
        {
            body[field.Key] = value(field);
        }

        return body;
    }

    private static JsonElement? Value(JsonElement record, VerifyField field) =>
        record.TryGetProperty(field.Key, out var value) ? value : null;

    private static decimal? ReadDecimal(JsonElement value, int fieldId)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value.GetRawText()));
        reader.Read();
        return WorkiomJsonReader.ReadDecimal(ref reader, fieldId);
    }

    private static byte[] Bytes(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Compact(JsonNode? node) => node is null ? "null" : node.ToJsonString(Unescaped);

    private static string SampleText(JsonElement element) => element.GetRawText();

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Message(Exception e) => e.Message;

    /// <summary>Adds one field's check and remembers the outcome: its value now, or that the field no longer takes part.</summary>
    private void Record(string step, VerifyField field, string? variant, string sent, VerifySample sample, string expected, bool ok, string read, string? note)
    {
        Add(step, field, null, variant, sent, read, expected, ok ? VerifyOutcome.Pass : VerifyOutcome.Fail, note);
        if (ok)
        {
            _current[field.Id] = sample;
        }
        else
        {
            _broken.Add(field.Id);
        }
    }

    private void Add(string step, VerifyField? field, string? op, string? variant, string sent, string returned, string expected, VerifyOutcome outcome, string? note = null) =>
        _checks.Add(new VerifyCheck(step, field?.Label ?? "(record)", field?.Id, field?.TypeName ?? string.Empty, op, variant, sent, returned, expected, outcome, note));

    /// <summary>A 1×1 PNG, the smallest image a signature field can hold.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
}
