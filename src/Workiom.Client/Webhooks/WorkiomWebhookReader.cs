using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Workiom.Schema;

namespace Workiom.Webhooks;

/// <summary>
/// Reads a Workiom webhook body (one record keyed by field names, plus <c>_id</c> and the system keys
/// <c>_creator</c>, <c>_creationDate</c>, <c>_lastUpdater</c>, <c>_lastModifyDate</c>, <c>_lastActivityDate</c>) into
/// the list's generated record type, through the generated schema table: no reflection, the name table built once
/// per type. Keys that match no field, or more than one, are kept as read in
/// <see cref="WorkiomRecord.UnknownFields"/> and reported on the result; they are never guessed.
/// </summary>
public static class WorkiomWebhookReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads one webhook body.</summary>
    /// <typeparam name="TRecord">The generated record type of the subscribed list.</typeparam>
    /// <param name="json">The body as received (UTF-8).</param>
    /// <param name="event">What the subscription reports, when the receiver knows (the <c>workiom-event</c> query of its URL).</param>
    /// <param name="environment">
    /// The environment the delivery comes from (one of <c>TRecord.WorkiomEnvironments</c>): its field names are
    /// matched, and its field and option ids read into the primary ones, as every read in that environment does.
    /// Null for the primary environment.
    /// </param>
    /// <returns>The record and what did not match.</returns>
    /// <exception cref="WorkiomWebhookFormatException">The body is not JSON, not one JSON object, or holds a value of a shape the field's type cannot read.</exception>
    /// <exception cref="ArgumentException"><paramref name="environment"/> is not one of <typeparamref name="TRecord"/>'s list.</exception>
    public static WorkiomWebhook<TRecord> Read<TRecord>(ReadOnlySpan<byte> json, WorkiomWebhookEvent? @event = null, WorkiomListEnvironment? environment = null)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        if (environment is null)
        {
            return Build(json, Scan(json), @event, KeyTables<TRecord>.Primary, static (ref Utf8JsonReader reader, WorkiomListEnvironment? _) => TRecord.ReadFrom(ref reader), null);
        }

        if (!ReferenceEquals(environment.Schema, TRecord.WorkiomSchema))
        {
            throw new ArgumentException(
                "The environment '" + environment.Name + "' is one of the list " + environment.Schema.ListName + ", not of " + TRecord.WorkiomListName + ".", nameof(environment));
        }

        var table = KeyTables<TRecord>.ForEnvironment.GetValue(environment, static e => new WebhookKeyTable(EnvironmentFields(e)));
        return Build(json, Scan(json), @event, table, static (ref Utf8JsonReader reader, WorkiomListEnvironment? e) => TRecord.ReadFrom(ref reader, e), environment);
    }

    /// <summary>The fields matched in an environment: their ids and names there, with the primary field's system role.</summary>
    private static IEnumerable<(int Id, string Name, WorkiomSystemField System)> EnvironmentFields(WorkiomListEnvironment environment)
    {
        var roles = new Dictionary<int, WorkiomSystemField>();
        foreach (var field in environment.Schema.Fields)
        {
            roles.TryAdd(field.Id, field.SystemField);
        }

        foreach (var (id, environmentId, environmentName) in environment.Fields)
        {
            yield return (environmentId, environmentName, roles.GetValueOrDefault(id));
        }
    }

    /// <summary>The query key of a subscription's URL that names the event (<c>SubscribeAsync</c> adds it): <c>workiom-event</c>.</summary>
    public const string EventQueryKey = WorkiomWebhookSubscriptions.EventQueryKey;

    /// <summary>The event a URL query's <c>workiom-event</c> names (<c>created</c> or <c>updated</c>); null when it names none.</summary>
    /// <param name="query">The query string, with or without its leading <c>?</c>.</param>
    /// <returns>The event, or null.</returns>
    public static WorkiomWebhookEvent? EventFromQuery(string? query) =>
        string.IsNullOrEmpty(query) ? null : WorkiomWebhookSubscriptions.EventOf(query);

    private delegate TRecord RecordReader<TRecord>(ref Utf8JsonReader reader, WorkiomListEnvironment? environment);

    /// <summary>One key of the body and where its value is.</summary>
    private readonly record struct Property(string Key, int Start, int Length);

    /// <summary>Checks the body is one JSON object and finds its keys and values.</summary>
    private static List<Property> Scan(ReadOnlySpan<byte> json)
    {
        RefuseInvalidUtf8(json);
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var properties = new List<Property>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (!reader.Read())
            {
                throw new WorkiomWebhookFormatException("The webhook body is empty; Workiom sends one record as a JSON object.", 1, 1);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                string found = reader.TokenType == JsonTokenType.StartArray ? "an array" : "a single value";
                throw new WorkiomWebhookFormatException(
                    "The webhook body is " + found + "; Workiom sends one record as a JSON object.", 1, reader.TokenStartIndex + 1);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = KeyOf(ref reader);
                if (!keys.Add(key))
                {
                    // Which of the two values was meant is not known: never keep one silently.
                    throw new WorkiomWebhookFormatException(
                        "The webhook body has the key " + Shown(key) + " more than once (at byte " +
                        (reader.TokenStartIndex + 1).ToString(CultureInfo.InvariantCulture) + ").");
                }

                reader.Read();
                int start = checked((int)reader.TokenStartIndex);
                reader.Skip();
                properties.Add(new Property(key, start, checked((int)reader.BytesConsumed) - start));
            }

            // Anything after the object (but white space) is an error of the reader.
            if (reader.Read())
            {
                throw new WorkiomWebhookFormatException("The webhook body holds more than one JSON value.");
            }
        }
        catch (JsonException exception)
        {
            long line = (exception.LineNumber ?? 0) + 1;
            long position = (exception.BytePositionInLine ?? 0) + 1;
            throw new WorkiomWebhookFormatException(
                "The webhook body is not valid JSON (line " + line.ToString(CultureInfo.InvariantCulture) + ", byte " +
                position.ToString(CultureInfo.InvariantCulture) + ").", line, position, exception);
        }

        return properties;
    }

    /// <summary>Refuses a body that is not UTF-8, saying where the first bad byte is (never what it is).</summary>
    private static void RefuseInvalidUtf8(ReadOnlySpan<byte> json)
    {
        if (System.Text.Unicode.Utf8.IsValid(json))
        {
            return;
        }

        var chars = ArrayPool<char>.Shared.Rent(json.Length);
        try
        {
            System.Text.Unicode.Utf8.ToUtf16(json, chars, out int valid, out _, replaceInvalidSequences: false);
            var before = json[..valid];
            int newlines = before.Count((byte)'\n');
            int lineStart = before.LastIndexOf((byte)'\n') + 1;
            long line = newlines + 1;
            long position = valid - lineStart + 1;
            throw new WorkiomWebhookFormatException(
                "The webhook body is not valid UTF-8 (line " + line.ToString(CultureInfo.InvariantCulture) + ", byte " +
                position.ToString(CultureInfo.InvariantCulture) + ").", line, position);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A key of the body; one whose escapes make no text (a lone surrogate) is a format exception.</summary>
    private static string KeyOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            throw new WorkiomWebhookFormatException(
                "The webhook body has a key that is not valid text (byte " + (reader.TokenStartIndex + 1).ToString(CultureInfo.InvariantCulture) + ").",
                innerException: exception);
        }
    }

    /// <summary>A key as a message may quote it: control and line-breaking characters escaped, at most 64 characters.</summary>
    internal static string Shown(string key)
    {
        var builder = new System.Text.StringBuilder("'", Math.Min(key.Length, 64) + 8);
        foreach (char c in key.Length > 64 ? key.AsSpan(0, 64) : key.AsSpan())
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\'' || char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(key.Length > 64 ? "…'" : "'").ToString();
    }

    private static WorkiomWebhook<TRecord> Build<TRecord>(
        ReadOnlySpan<byte> json, List<Property> properties, WorkiomWebhookEvent? @event, WebhookKeyTable table, RecordReader<TRecord> readFrom,
        WorkiomListEnvironment? environment)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        // Which field each key matches; a field matched by two keys is matched by neither (never guessed).
        var matches = new int[properties.Count];
        var keysPerField = new Dictionary<int, int>();
        for (int i = 0; i < properties.Count; i++)
        {
            string key = properties[i].Key;
            int match = key == "_id" ? 0 : table.Match(key);
            matches[i] = match;
            if (match > 0)
            {
                keysPerField[match] = keysPerField.GetValueOrDefault(match) + 1;
            }
        }

        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        List<string>? unmatched = null, ambiguous = null;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (int i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                int match = matches[i];
                if (match > 0 && keysPerField[match] > 1)
                {
                    match = WebhookKeyTable.Ambiguous;
                    matches[i] = match;
                }

                if (match == 0)
                {
                    writer.WritePropertyName("_id"u8);
                }
                else if (match > 0)
                {
                    writer.WritePropertyName(match.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    (match == WebhookKeyTable.Ambiguous ? ambiguous ??= new() : unmatched ??= new()).Add(property.Key);
                    continue;
                }

                writer.WriteRawValue(json.Slice(property.Start, property.Length), skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        TRecord record;
        try
        {
            var reader = new Utf8JsonReader(buffer.WrittenSpan);
            reader.Read();
            record = readFrom(ref reader, environment);
        }
        catch (WorkiomPayloadException exception)
        {
            throw new WorkiomWebhookFormatException(
                "The webhook body holds a value the " + typeof(TRecord).Name + " type cannot read: " + exception.Message, innerException: exception);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or OverflowException)
        {
            // A token of a shape the field does not take, or a string whose escapes make no text (a lone
            // surrogate): the JSON reader's own errors. Their messages may quote the value, so they are not passed on.
            throw new WorkiomWebhookFormatException(
                "The webhook body holds a value the " + typeof(TRecord).Name + " type cannot read.", innerException: exception);
        }

        // The keys not matched are kept as read, under the key as sent: a field name, which a replace refuses to send.
        for (int i = 0; i < properties.Count; i++)
        {
            if (matches[i] < 0)
            {
                var property = properties[i];
                var reader = new Utf8JsonReader(json.Slice(property.Start, property.Length));
                reader.Read();
                record.KeepPayloadNameKey(property.Key, ref reader);
            }
        }

        return new WorkiomWebhook<TRecord>(
            record, @event, (IReadOnlyList<string>?)unmatched ?? Array.Empty<string>(), (IReadOnlyList<string>?)ambiguous ?? Array.Empty<string>());
    }

    /// <summary>The name table of a list, built once per type on first use.</summary>
    private static class KeyTables<TRecord>
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        public static readonly WebhookKeyTable Primary =
            new(TRecord.WorkiomSchema.Fields.Select(f => (f.Id, f.Name, f.SystemField)));

        public static readonly ConditionalWeakTable<WorkiomListEnvironment, WebhookKeyTable> ForEnvironment = new();
    }
}
