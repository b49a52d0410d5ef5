using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Workiom.Http;
using Workiom.Queries;
using Workiom.Serialization;

namespace Workiom.Repositories;

/// <summary>
/// Reads and writes the records of one Workiom list through its generated record type, and runs
/// that list's queries.
/// </summary>
public sealed partial class WorkiomRepository<TRecord, TFields> : IWorkiomQueryExecutor<TRecord>
    where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>, IWorkiomQueryable<TRecord, TFields>
    where TFields : class
{
    private const string DataPath = "api/services/app/Data/";

    private readonly WorkiomClient _client;

    // The list's ids in the client's environment; null in the primary one (which pays nothing for it).
    private readonly Schema.WorkiomListEnvironment? _environment;

    internal WorkiomRepository(WorkiomClient client)
    {
        _client = client;
        _environment = client.Options.IsPrimaryEnvironment ? null : ResolveEnvironment(client.Options.Environment!);
    }

    /// <summary>The list this repository reads and writes: its id in the client's environment.</summary>
    public string ListId => _environment?.ListId ?? TRecord.WorkiomListId;

    /// <summary>The list's ids in the named environment, or a <see cref="WorkiomEnvironmentException"/> naming the ones it has.</summary>
    private static Schema.WorkiomListEnvironment ResolveEnvironment(string name)
    {
        var environments = TRecord.WorkiomEnvironments;
        foreach (var environment in environments)
        {
            if (string.Equals(environment.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return environment;
            }
        }

        string known = environments.Count == 0
            ? "it has none besides the primary one (list its snapshots with Environment=\"" + name + "\" in the project)"
            : "it has " + string.Join(", ", environments.Select(static e => "\"" + e.Name + "\"")) + " besides the primary one";
        throw new WorkiomEnvironmentException(
            $"The {TRecord.WorkiomListName} list ({TRecord.WorkiomListId}) has no ids for the environment \"{name}\": {known}.");
    }

    private WorkiomTransport Transport => _client.Transport;

    /// <summary>
    /// The record with this id; throws <see cref="WorkiomNotFoundException"/> when Workiom has none
    /// (or, on a 404, when the call went to the wrong shard).
    /// </summary>
    public async Task<TRecord> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var reply = await FetchRecordAsync(id, cancellationToken).ConfigureAwait(false);
        if (reply.ResultIsNull)
        {
            throw new WorkiomNotFoundException(
                $"The {TRecord.WorkiomListName} list ({TRecord.WorkiomListId}) has no record with id '{id}'.", statusCode: null);
        }

        return ReadRecord(reply);
    }

    /// <summary>The record with this id, or null when Workiom has none.</summary>
    public async Task<TRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        WorkiomReply reply;
        try
        {
            reply = await FetchRecordAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkiomNotFoundException)
        {
            return null;
        }

        return reply.ResultIsNull ? null : ReadRecord(reply);
    }

    private Task<WorkiomReply> FetchRecordAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Transport.SendAsync(
            HttpMethod.Get, DataPath + "Get" + RecordQuery(id), content: null, idempotent: true, authenticate: true, cancellationToken);
    }

    /// <summary>
    /// Creates the record (<c>Data/Create</c>) and returns it as Workiom stored it, with its id and
    /// the values Workiom computed. Never repeated once the request may have reached Workiom, so a
    /// lost reply never stores the record twice.
    /// </summary>
    public async Task<TRecord> CreateAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Id is not null)
        {
            throw new InvalidOperationException(
                $"This {TRecord.WorkiomListName} record already has id '{record.Id}'; update it instead of creating it again.");
        }

        var body = Body(record, WorkiomWriteKind.Create);
        var reply = await Transport.SendAsync(
            HttpMethod.Post, DataPath + "Create?listId=" + Uri.EscapeDataString(ListId), body, idempotent: false,
            authenticate: true, cancellationToken).ConfigureAwait(false);
        if (reply.ResultIsNull)
        {
            throw new WorkiomInvalidReplyException(
                $"Data/Create for the {TRecord.WorkiomListName} list succeeded but returned no record; the record may exist in Workiom without its id being known.",
                excerpt: string.Empty);
        }

        var created = ReadRecord(reply);
        if (string.IsNullOrEmpty(created.Id))
        {
            throw new WorkiomInvalidReplyException(
                $"Data/Create for the {TRecord.WorkiomListName} list returned a record without _id or id.", excerpt: string.Empty);
        }

        return created;
    }

    /// <summary>
    /// Sends only the fields changed since the record was loaded (<c>Data/UpdatePartial</c>; a
    /// cleared field is sent as <c>null</c>), then accepts the changes. Sends nothing when nothing
    /// changed. Returns the record as Workiom stored it: the reply's values for the keys the reply
    /// holds, and the record's own values for the others (a reply may hold only the changed keys);
    /// the same instance when nothing was sent or the reply holds no record (or names another record).
    /// </summary>
    public async Task<TRecord> UpdateAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        string id = RequireId(record, "update");
        var changed = record.GetChangedFieldIds();
        if (changed.Count == 0)
        {
            return record;
        }

        var body = Body(record, WorkiomWriteKind.Partial);
        var reply = await Transport.SendAsync(
            HttpMethod.Put, DataPath + "UpdatePartial" + RecordQuery(id), body, idempotent: true, authenticate: true, cancellationToken)
            .ConfigureAwait(false);
        record.AcceptChanges();
        return Stored(reply, record, changed);
    }

    /// <summary>
    /// Replaces the whole record (<c>Data/Update</c>): every field, unknown ones included; a field
    /// left empty is cleared in Workiom. Refused for a record loaded through a projection, and for one read
    /// from a webhook payload that holds keys matching no field (field names, which Workiom's writes do not take). Returns
    /// the record as Workiom stored it, completed like <see cref="UpdateAsync"/>'s.
    /// </summary>
    public async Task<TRecord> ReplaceAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        string id = RequireId(record, "replace");
        if (record.IsProjected)
        {
            throw new InvalidOperationException(
                $"This {TRecord.WorkiomListName} record was loaded through a projection, so it lacks fields; replacing it " +
                "would clear them in Workiom. Load the whole record (GetAsync) before ReplaceAsync, or use UpdateAsync.");
        }

        var body = Body(record, WorkiomWriteKind.Replace);
        var reply = await Transport.SendAsync(
            HttpMethod.Put, DataPath + "Update" + RecordQuery(id), body, idempotent: true, authenticate: true, cancellationToken)
            .ConfigureAwait(false);
        record.AcceptChanges();
        return Stored(reply, record, Array.Empty<int>());
    }

    /// <summary>
    /// Deletes the record with this id (<c>Data/Delete</c>); throws <see cref="WorkiomNotFoundException"/>
    /// when Workiom has no such record. A delete repeated after a lost reply that then finds the
    /// record gone has succeeded: the earlier attempt deleted it.
    /// </summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var attempts = new WorkiomAttempts();
        try
        {
            await Transport.SendAsync(
                HttpMethod.Delete, DataPath + "Delete" + RecordQuery(id), content: null, idempotent: true, authenticate: true, cancellationToken,
                attempts).ConfigureAwait(false);
        }
        catch (WorkiomNotFoundException) when (attempts.Repeats > 0)
        {
            // The first attempt reached Workiom and deleted the record, but its reply was lost (a
            // dropped connection, a gateway error); the repeat only confirms the record is gone.
        }
    }

    public async Task<List<TRecord>> ToListAsync(IWorkiomQuery query, CancellationToken cancellationToken = default)
    {
        var records = new List<TRecord>();
        await foreach (var record in StreamAsync(query, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>How many records the query returns: Workiom's total, less Skip, at most Take.</summary>
    public async Task<int> CountAsync(IWorkiomQuery query, CancellationToken cancellationToken = default)
    {
        CheckQuery(query);
        var page = await FetchPageAsync(query, query.Skip, 1, cancellationToken).ConfigureAwait(false);
        long total = page.TotalCount ?? (query.Skip + page.Records.Count);
        long count = Math.Max(0, total - query.Skip);
        if (query.Take is { } take)
        {
            count = Math.Min(count, take);
        }

        return (int)Math.Min(count, int.MaxValue);
    }

    public async Task<TRecord?> FirstOrDefaultAsync(IWorkiomQuery query, CancellationToken cancellationToken = default)
    {
        CheckQuery(query);
        if (query.Take is <= 0)
        {
            return null;
        }

        var page = await FetchPageAsync(query, query.Skip, 1, cancellationToken).ConfigureAwait(false);
        return page.Records.Count > 0 ? page.Records[0] : null;
    }

    /// <summary>
    /// Streams the query's records page by page (<see cref="WorkiomClientOptions.PageSize"/> per
    /// call), holding one page at a time. The stream ends at the total Workiom reported on the
    /// first page, at a short or empty page, or at Take, so records added meanwhile cannot keep it
    /// going forever and records removed meanwhile simply end it sooner.
    /// </summary>
    public async IAsyncEnumerable<TRecord> StreamAsync(IWorkiomQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckQuery(query);
        int pageSize = _client.Options.PageSize;
        long skip = query.Skip;
        long? remaining = query.Take;
        long? limit = null;
        while (remaining is null or > 0)
        {
            int max = (int)Math.Min(pageSize, remaining ?? pageSize);
            if (limit is not null)
            {
                max = (int)Math.Min(max, limit.Value - skip);
                if (max <= 0)
                {
                    yield break;
                }
            }

            var page = await FetchPageAsync(query, (int)Math.Min(skip, int.MaxValue), max, cancellationToken).ConfigureAwait(false);
            limit ??= page.TotalCount;
            long? pageTotal = page.TotalCount;
            var records = page.Records;
            int received = records.Count;
            // The iterator's locals live as long as the stream: drop each record once handed out and the
            // page before the next fetch, so a stream holds one page at most, not two.
            page = null!;
            for (int i = 0; i < received; i++)
            {
                var record = records[i];
                records[i] = null!;
                yield return record;
            }

            records = null!;
            skip += received;
            remaining -= received;
            if (received < max || (pageTotal is { } total && skip >= total))
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// One <c>Data/All</c> request from the query's Skip: its Take records (at most 10 000), or
    /// <see cref="WorkiomClientOptions.PageSize"/> without a Take; with the total count and the summary.
    /// </summary>
    public async Task<WorkiomPage<TRecord>> PageAsync(IWorkiomQuery query, CancellationToken cancellationToken = default)
    {
        CheckQuery(query);
        int max = query.Take is { } take ? Math.Clamp(take, 1, WorkiomQuery<TRecord, TFields>.MaxResultCountLimit) : _client.Options.PageSize;
        var page = await FetchPageAsync(query, query.Skip, max, cancellationToken).ConfigureAwait(false);
        // Take(0) still asks for one record, as Workiom returns 1 to 10 000 per request; none is handed out.
        var records = query.Take == 0 ? [] : page.Records;
        return new WorkiomPage<TRecord>(records, page.TotalCount, page.Summary);
    }

    private async Task<Page> FetchPageAsync(IWorkiomQuery query, int skipCount, int maxResultCount, CancellationToken cancellationToken)
    {
        var environment = _environment;
        HttpContent body;
        if (environment is null)
        {
            body = WorkiomTransport.JsonBody(writer => query.WriteDataAllBody(writer, skipCount, maxResultCount));
        }
        else if (query is IWorkiomEnvironmentQuery translatable)
        {
            body = WorkiomTransport.JsonBody(writer => translatable.WriteDataAllBody(writer, skipCount, maxResultCount, environment));
        }
        else
        {
            throw new WorkiomEnvironmentException(
                $"A query of type {query.GetType().Name} writes the primary ids only, so it cannot run against the environment \"{environment.Name}\"; use the list's own queries.");
        }

        var reply = await Transport.SendAsync(
            HttpMethod.Post, DataPath + "All", body, idempotent: true, authenticate: true, cancellationToken)
            .ConfigureAwait(false);
        return ReadPage(reply, query.ProjectedFieldIds);
    }

    private Page ReadPage(WorkiomReply reply, IReadOnlyList<int>? projectedFieldIds)
    {
        var reader = reply.ResultReader();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new WorkiomInvalidReplyException(
                $"Data/All for the {TRecord.WorkiomListName} list returned no {{totalCount, items}} object.", excerpt: string.Empty);
        }

        long? totalCount = null;
        var summary = WorkiomSummary<TRecord>.Empty;
        var records = new List<TRecord>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (string.Equals(name, "totalCount", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.Number)
            {
                totalCount = reader.GetInt64();
            }
            else if (string.Equals(name, "summary", StringComparison.OrdinalIgnoreCase))
            {
                summary = WorkiomSummary<TRecord>.Read(ref reader);
            }
            else if (string.Equals(name, "items", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    TRecord record;
                    try
                    {
                        record = TRecord.ReadFrom(ref reader, _environment);
                    }
                    catch (WorkiomPayloadException exception)
                    {
                        throw reply.Scrubbed(exception);
                    }

                    if (projectedFieldIds is not null)
                    {
                        record.MarkProjected(projectedFieldIds);
                    }

                    records.Add(record);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new Page(totalCount, records, summary);
    }

    private TRecord ReadRecord(WorkiomReply reply)
    {
        var reader = reply.ResultReader();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new WorkiomInvalidReplyException(
                $"Workiom returned {reader.TokenType} where a {TRecord.WorkiomListName} record was expected.", excerpt: string.Empty);
        }

        try
        {
            return TRecord.ReadFrom(ref reader, _environment);
        }
        catch (WorkiomPayloadException exception)
        {
            throw reply.Scrubbed(exception);
        }
    }

    /// <summary>
    /// The record after an update or replace. Workiom documents the reply as the stored record, but
    /// a reply may hold only some keys (the changed ones, with or without the id): the reply's values
    /// win for the keys it holds, and every other value is the sent record's, so nothing the record
    /// held is lost and a later replace cannot clear it. A reply that holds every field refreshes the
    /// whole record. A reply that names another record is not used: the sent record is returned.
    /// </summary>
    private TRecord Stored(WorkiomReply reply, TRecord sent, IReadOnlyList<int> writtenFieldIds)
    {
        if (reply.ResultIsNull || reply.ResultReader().TokenType != JsonTokenType.StartObject)
        {
            sent.MarkWritten(writtenFieldIds);
            return sent;
        }

        var stored = ReadRecord(reply);
        if (!string.IsNullOrEmpty(stored.Id) && !string.Equals(stored.Id, sent.Id, StringComparison.Ordinal))
        {
            // A reply that names another record is not this one's stored state: merged, its id would
            // send a later write of this record's values to that record.
            sent.MarkWritten(writtenFieldIds);
            return sent;
        }

        var (fieldIds, keys) = KeysOf(reply);
        stored.KeepWhatTheReplyLacks(sent, fieldIds, keys, writtenFieldIds);
        return stored;
    }

    /// <summary>The field ids and the other keys a reply's record holds, classified as the record reader does.</summary>
    private (HashSet<int> FieldIds, HashSet<string> Keys) KeysOf(WorkiomReply reply)
    {
        var environment = _environment;
        var fieldIds = new HashSet<int>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var reader = reply.ResultReader();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (WorkiomJsonReader.ReadRecordKey(ref reader, out int fieldId, out string key))
            {
                case RecordKeyKind.FieldId:
                    string sent = key.Length == 0 ? fieldId.ToString(CultureInfo.InvariantCulture) : key;
                    if (environment is null || environment.TryGetPrimaryFieldId(fieldId, out fieldId))
                    {
                        // In an environment, the primary field it matches (a key that matches none is kept as read).
                        fieldIds.Add(fieldId);
                    }

                    keys.Add(sent);
                    break;
                case RecordKeyKind.Other:
                    keys.Add(key);
                    break;
            }

            reader.Skip();
        }

        return (fieldIds, keys);
    }

    private HttpContent Body(TRecord record, WorkiomWriteKind kind)
    {
        var shapes = _client.Options.WriteShapes;
        var environment = _environment;
        return WorkiomTransport.JsonBody(writer => record.WriteTo(writer, kind, shapes, environment));
    }

    private static string RequireId(TRecord record, string action)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrEmpty(record.Id))
        {
            throw new InvalidOperationException(
                $"This {TRecord.WorkiomListName} record has no id, so there is nothing in Workiom to {action}; create it first.");
        }

        return record.Id;
    }

    private string RecordQuery(string id) =>
        "?listId=" + Uri.EscapeDataString(ListId) + "&id=" + Uri.EscapeDataString(id);

    private static void CheckQuery(IWorkiomQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!string.Equals(query.ListId, TRecord.WorkiomListId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The query reads list '{query.ListId}', but this repository is for the {TRecord.WorkiomListName} list ({TRecord.WorkiomListId}).",
                nameof(query));
        }

        if (query.Skip < 0 || query.Take is < 0)
        {
            throw new ArgumentException("A query's Skip and Take cannot be negative.", nameof(query));
        }
    }

    private sealed record Page(long? TotalCount, List<TRecord> Records, WorkiomSummary<TRecord> Summary);
}
