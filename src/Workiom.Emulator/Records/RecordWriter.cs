using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Storage;

namespace Workiom.Emulator.Records;

internal enum WriteKind
{
    Create,
    Replace,
    Partial,
}

/// <summary>Who writes, when, and with which store: what one write needs besides its body.</summary>
internal sealed record WriteContext(
    ListSchema List,
    SnapshotCatalog Catalog,
    StoreSession Session,
    IReadOnlyList<EmulatorUser> Users,
    EmulatorUser Actor,
    DateTimeOffset Now,
    RecordReader Reader);

/// <summary>
/// Validates a Create/Update/UpdatePartial body the way the service would and turns the write shapes
/// (and the compact ones: labels, bare ids, bare user numbers) into the stored read shapes.
/// </summary>
internal static class RecordWriter
{
    public static JsonObject Apply(WriteContext context, WriteKind kind, JsonObject body, JsonObject? existing, string id)
    {
        var list = context.List;
        var issues = new List<ValidationIssue>();
        var changes = new Dictionary<FieldSchema, JsonNode?>();
        JsonObject? existingRead = null;

        foreach (var (key, value) in body)
        {
            if (key is "_id" or "id" || key.StartsWith("view-", StringComparison.Ordinal))
            {
                continue;
            }

            var field = list.FindField(key);
            if (field is null)
            {
                issues.Add(new ValidationIssue($"Unknown field '{key}': list '{list.Name}' has no such field.", [key]));
                continue;
            }

            if (field.IsReadOnly)
            {
                if (kind == WriteKind.Create && JsonRead.IsNull(value))
                {
                    continue;
                }

                if (kind == WriteKind.Replace)
                {
                    // Clients write back what they read: an unchanged read-only value is no write at all.
                    existingRead ??= context.Reader.Read(list, existing!, context.Session);
                    if (SameValue(context, field, value, JsonRead.Get(existingRead, field.Key)))
                    {
                        continue;
                    }
                }

                issues.Add(new ValidationIssue($"Field {field.Describe()} is read-only and cannot be written.", [key]));
                continue;
            }

            if (JsonRead.IsNull(value))
            {
                changes[field] = null;
                continue;
            }

            var normalized = Normalize(context, field, value!, issues, existing is null ? null : JsonRead.Get(existing, field.Key));
            if (normalized is not null)
            {
                changes[field] = normalized;
            }
        }

        var record = kind switch
        {
            WriteKind.Partial => (JsonObject)existing!.DeepClone(),
            _ => new JsonObject(),
        };
        record["_id"] = id;

        if (kind == WriteKind.Replace)
        {
            // Full replace keeps only what the service owns: numbers and creation stamps.
            foreach (var field in list.Fields.Where(f => f.DataType == DataTypes.AutoNumber || f.SystemFieldType is 1 or 2))
            {
                if (JsonRead.Get(existing!, field.Key) is JsonNode kept)
                {
                    record[field.Key] = kept.DeepClone();
                }
            }
        }

        foreach (var (field, value) in changes)
        {
            if (value is null)
            {
                record.Remove(field.Key);
            }
            else
            {
                record[field.Key] = value;
            }
        }

        foreach (var field in list.Fields.Where(f => f.IsRequired && !f.IsReadOnly))
        {
            var checkThisOne = kind != WriteKind.Partial || changes.ContainsKey(field);
            if (checkThisOne && FieldValues.IsEmpty(JsonRead.Get(record, field.Key)))
            {
                issues.Add(new ValidationIssue($"Field {field.Describe()} is required.", [field.Key]));
            }
        }

        if (issues.Count > 0)
        {
            throw ApiError.Validation(issues);
        }

        StampSystemFields(context, kind, record);
        LinkMirror.Sync(context, existing, record, id);
        return record;
    }

    private static void StampSystemFields(WriteContext context, WriteKind kind, JsonObject record)
    {
        var now = FieldValues.FormatDate(context.Now, dateOnly: false);
        foreach (var field in context.List.Fields)
        {
            switch (field.SystemFieldType)
            {
                case 1 when kind == WriteKind.Create:
                    record[field.Key] = FieldValues.UserReadShape(context.Actor);
                    break;
                case 2 when kind == WriteKind.Create:
                    record[field.Key] = now;
                    break;
                case 3:
                    record[field.Key] = FieldValues.UserReadShape(context.Actor);
                    break;
                case 4 or 5:
                    record[field.Key] = now;
                    break;
            }

            if (field.DataType == DataTypes.AutoNumber && field.SystemFieldType == 0 && kind == WriteKind.Create)
            {
                record[field.Key] = context.Session.NextNumber(context.List.Id, field.Id);
            }
        }
    }

    private static bool SameValue(WriteContext context, FieldSchema field, JsonNode? given, JsonNode? stored)
    {
        if (FieldValues.IsEmpty(given) && FieldValues.IsEmpty(stored))
        {
            return true;
        }

        if (given is null || stored is null)
        {
            return false;
        }

        if (JsonNode.DeepEquals(given, stored))
        {
            return true;
        }

        if (JsonRead.Decimal(given) is decimal a && JsonRead.Decimal(stored) is decimal b)
        {
            return a == b;
        }

        // The same value in another accepted shape (a user as a bare id, a date with an offset) also counts.
        var probe = new List<ValidationIssue>();
        var writable = new FieldSchema
        {
            Id = field.Id,
            Name = field.Name,
            DataType = field.DataType,
            DateType = field.DateType,
            LinkedListId = field.LinkedListId,
            AllowMultiple = field.AllowMultiple,
            Options = field.Options,
        };
        var normalized = field.DataType is DataTypes.User or DataTypes.MultiUser or DataTypes.DateTime or DataTypes.StaticSelect or DataTypes.Status or DataTypes.MultiStaticSelect
            ? Normalize(context, writable, given, probe)
            : null;
        if (probe.Count > 0 || normalized is null)
        {
            return false;
        }

        if (field.DataType == DataTypes.DateTime
            && FieldValues.TryParseDate(JsonRead.String(normalized), out var x) && FieldValues.TryParseDate(JsonRead.String(stored), out var y))
        {
            return x == y;
        }

        return JsonNode.DeepEquals(normalized, stored);
    }

    /// <summary>The value as stored, or null (with an issue added) when it cannot be.</summary>
    /// <param name="context">The write under way.</param>
    /// <param name="field">The field written.</param>
    /// <param name="value">The value the caller sent.</param>
    /// <param name="issues">Where a value that cannot be stored is reported.</param>
    /// <param name="existingValue">The field's stored value before this write (null on create).</param>
    private static JsonNode? Normalize(WriteContext context, FieldSchema field, JsonNode value, List<ValidationIssue> issues, JsonNode? existingValue = null)
    {
        void Fail(string problem) => issues.Add(new ValidationIssue($"Field {field.Describe()}: {problem}", [field.Key]));
        var kind = value.GetValueKind();

        switch (field.DataType)
        {
            case DataTypes.Text or DataTypes.Website or DataTypes.Email or DataTypes.PhoneNumber:
                if (kind != JsonValueKind.String)
                {
                    Fail($"expects text, got {Describe(kind)}.");
                    return null;
                }

                return value.DeepClone();

            case DataTypes.Number or DataTypes.Currency or DataTypes.ProgressBar:
                if (kind is not (JsonValueKind.Number or JsonValueKind.String) || JsonRead.Decimal(value) is not decimal number)
                {
                    Fail($"expects a number, got {Describe(kind)}{Quoted(value)}.");
                    return null;
                }

                return FieldValues.Number(number);

            case DataTypes.DateTime:
                if (kind != JsonValueKind.String || !FieldValues.TryParseDate(JsonRead.String(value), out var date))
                {
                    Fail($"expects an ISO-8601 date, got {Describe(kind)}{Quoted(value)}.");
                    return null;
                }

                return FieldValues.FormatDate(date, dateOnly: field.DateType == 0);

            case DataTypes.Boolean:
                if (kind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Fail($"expects true or false, got {Describe(kind)}{Quoted(value)}.");
                    return null;
                }

                return value.DeepClone();

            case DataTypes.StaticSelect or DataTypes.Status:
            {
                var items = FieldValues.Items(value);
                if (items.Count != 1)
                {
                    Fail($"expects one option, got {items.Count}.");
                    return null;
                }

                var option = FindOption(field, items[0], Fail);
                return option is null ? null : FieldValues.AsSent(FieldValues.OptionReadShape(option, withStatus: true), items[0]);
            }

            case DataTypes.MultiStaticSelect:
            {
                var result = new JsonArray();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in FieldValues.Items(value))
                {
                    var option = FindOption(field, item, Fail);
                    if (option is not null && seen.Add(option.Id))
                    {
                        result.Add(FieldValues.AsSent(FieldValues.OptionReadShape(option, withStatus: false), item));
                    }
                }

                return result;
            }

            case DataTypes.LinkList:
                return NormalizeLinks(context, field, value, Fail);

            case DataTypes.User:
            {
                var items = FieldValues.Items(value);
                if (items.Count != 1)
                {
                    Fail($"expects one user, got {items.Count}.");
                    return null;
                }

                return UserValue(context, items[0], existingValue, Fail).Value;
            }

            case DataTypes.MultiUser:
            {
                var result = new JsonArray();
                var seen = new HashSet<long>();
                foreach (var item in FieldValues.Items(value))
                {
                    var (id, user) = UserValue(context, item, existingValue, Fail);
                    if (user is not null && seen.Add(id))
                    {
                        result.Add(user);
                    }
                }

                return result;
            }

            case DataTypes.File:
                return NormalizeFiles(context, value, existingValue, Fail);

            case DataTypes.CheckList:
                return NormalizeCheckList(value, Fail);

            default:
                // Location, Dependency, Signature and types this emulator does not know are kept as sent.
                return value.DeepClone();
        }
    }

    private static OptionSchema? FindOption(FieldSchema field, JsonNode? item, Action<string> fail)
    {
        string? id = null;
        string? label = null;
        switch (item)
        {
            case JsonObject o:
                id = JsonRead.String(o, "id");
                label = JsonRead.String(o, "label");
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                label = v.GetValue<string>();
                break;
            default:
                fail($"expects an option as its label or {{\"id\", \"label\"}}, got {Describe(JsonRead.Kind(item))}.");
                return null;
        }

        if (!string.IsNullOrEmpty(id))
        {
            var byId = field.Options.FirstOrDefault(o => string.Equals(o.Id, id, StringComparison.Ordinal));
            if (byId is null)
            {
                fail($"option id '{id}' is not one of the field's options.");
            }

            return byId;
        }

        // The service matches labels byte for byte: "qualified" is not "Qualified".
        var byLabel = label is null ? null : field.Options.FirstOrDefault(o => string.Equals(o.Label, label, StringComparison.Ordinal));
        if (byLabel is null)
        {
            fail($"option '{label}' is not one of the field's options ({string.Join(", ", field.Options.Select(o => "'" + o.Label + "'"))}).");
        }

        return byLabel;
    }

    /// <summary>
    /// A user value as stored: one of the emulator's users, or (write back what you read) the user already
    /// stored in this field of this record, even when the emulator does not know them (a seed of a real
    /// tenant holds such users). A new user the emulator does not know is refused.
    /// </summary>
    private static (long Id, JsonObject? Value) UserValue(WriteContext context, JsonNode? item, JsonNode? existingValue, Action<string> fail)
    {
        var id = item is JsonObject o ? JsonRead.Long(o, "id") : JsonRead.Long(item);
        if (id is not long userId)
        {
            fail($"expects a user id (a number, or {{\"id\": number}}), got {Describe(JsonRead.Kind(item))}.");
            return (0, null);
        }

        if (context.Users.FirstOrDefault(u => u.Id == userId) is { } user)
        {
            return (userId, FieldValues.AsSent(FieldValues.UserReadShape(user), item));
        }

        var stored = FieldValues.Items(existingValue).OfType<JsonObject>().FirstOrDefault(s => JsonRead.Long(s, "id") == userId);
        if (stored is not null)
        {
            return (userId, FieldValues.AsSent((JsonObject)stored.DeepClone(), item));
        }

        fail($"user {userId} is not a user of this tenant.");
        return (userId, null);
    }

    private static JsonArray? NormalizeLinks(WriteContext context, FieldSchema field, JsonNode value, Action<string> fail)
    {
        var target = context.Catalog.Find(field.LinkedListId);
        var result = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in FieldValues.Items(value))
        {
            var id = item switch
            {
                JsonObject o => JsonRead.String(o, "_id") ?? JsonRead.String(o, "id"),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => null,
            };
            if (string.IsNullOrEmpty(id))
            {
                fail($"expects linked records as \"<_id>\" or {{\"_id\", \"label\"}}, got {Describe(JsonRead.Kind(item))}.");
                return null;
            }

            // Without the target list's snapshot the link cannot be checked; it is kept as sent.
            if (target is not null && !context.Session.Exists(target.Id, id))
            {
                fail($"record '{id}' does not exist in list '{target.Name}'.");
                return null;
            }

            if (seen.Add(id))
            {
                // Kept as sent (every key); the label is the target's and is set when the record is read.
                var stored = item is JsonObject sent ? (JsonObject)sent.DeepClone() : new JsonObject();
                stored["_id"] = id;
                result.Add(stored);
            }
        }

        return result;
    }

    /// <summary>
    /// As the service does: a file the field already holds (or one stored in another record), sent
    /// back by its stored <c>_id</c>, is kept exactly as sent, every key and value; a file just
    /// uploaded, sent with its token as <c>_id</c> (or in <c>FileToken</c>), becomes a stored item in
    /// the read shape.
    /// </summary>
    private static JsonArray? NormalizeFiles(WriteContext context, JsonNode value, JsonNode? existingValue, Action<string> fail)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in FieldValues.Items(existingValue))
        {
            if (item is JsonObject stored && JsonRead.String(stored, "_id") is { } storedId)
            {
                held.Add(storedId);
            }
        }

        var result = new JsonArray();
        foreach (var item in FieldValues.Items(value))
        {
            if (item is not JsonObject o)
            {
                fail($"expects file objects from File/Upload, got {Describe(JsonRead.Kind(item))}.");
                return null;
            }

            var key = JsonRead.String(o, "_id");
            if (key is not null && (held.Contains(key) || context.Session.FindFileByStoredId(key) is not null))
            {
                result.Add(o.DeepClone());
                continue;
            }

            // The write shape of a new file carries the upload token in _id.
            var token = JsonRead.String(o, "FileToken");
            var file = (key is null ? null : context.Session.FindFileByToken(key))
                ?? (token is null ? null : context.Session.FindFileByToken(token));
            if (file is null)
            {
                fail($"file '{key ?? token}' is unknown: upload it with File/Upload first.");
                return null;
            }

            file = context.Session.Attach(file);
            result.Add(new JsonObject
            {
                ["_id"] = file.StoredId,
                ["FileToken"] = file.Token,
                ["FileName"] = file.FileName,
                ["ContentType"] = file.ContentType,
                ["Size"] = file.Size,
                ["HasThumbnail"] = false,
                ["IsImage"] = file.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase),
                ["FileUrl"] = null,
                ["ThumbnailUrl"] = null,
                ["UserId"] = context.Actor.Id,
                ["IsPermanent"] = true,
            });
        }

        return result;
    }

    private static JsonArray? NormalizeCheckList(JsonNode value, Action<string> fail)
    {
        var source = value;
        if (value.GetValueKind() == JsonValueKind.String)
        {
            // The service also stores a checklist as a JSON string of the array.
            try
            {
                source = JsonRead.Parse(value.GetValue<string>()) ?? new JsonArray();
            }
            catch (JsonException)
            {
                fail("expects [{\"label\", \"check\"}] (or that array as a JSON string).");
                return null;
            }
        }

        var result = new JsonArray();
        foreach (var item in FieldValues.Items(source))
        {
            if (item is not JsonObject o || JsonRead.String(JsonRead.Get(o, "label")) is not { } label)
            {
                fail("expects checklist items as {\"label\": text, \"check\": bool}.");
                return null;
            }

            var check = JsonRead.Get(o, "check");
            if (check is not null && JsonRead.Bool(check) is null)
            {
                fail($"checklist item '{label}' has a 'check' that is not true or false.");
                return null;
            }

            // Kept as sent (every key), with the check the service assumes when it is left out.
            var stored = (JsonObject)o.DeepClone();
            if (check is null)
            {
                stored["check"] = false;
            }

            result.Add(stored);
        }

        return result;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Quoted(JsonNode value) =>
        value is JsonValue ? " " + value.ToJsonString() : "";
}
