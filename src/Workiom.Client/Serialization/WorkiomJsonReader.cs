using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workiom.Serialization;

/// <summary>What a key of a record object is.</summary>
public enum RecordKeyKind
{
    /// <summary>A field id (digits).</summary>
    FieldId,

    /// <summary><c>_id</c> (or <c>id</c>): the record id.</summary>
    RecordId,

    /// <summary><c>view-&lt;viewId&gt;</c>: per-view ordering data, not a field.</summary>
    ViewData,

    /// <summary>Anything else: kept as an unknown key.</summary>
    Other,
}

/// <summary>
/// Tolerant readers of Workiom values, called by the generated record readers. Each takes the
/// reader positioned on the value's first token and leaves it on the value's last token. They
/// accept what Workiom is known to send (ids as strings or numbers, property names in any case,
/// <c>null</c> anywhere, a single object where an array is expected, CheckList as a JSON string)
/// and throw <see cref="WorkiomPayloadException"/>, naming the field, for anything else.
/// </summary>
public static class WorkiomJsonReader
{
    /// <summary>Classifies the property name under the reader and moves to its value.</summary>
    public static RecordKeyKind ReadRecordKey(ref Utf8JsonReader reader, out int fieldId, out string key)
    {
        fieldId = 0;
        RecordKeyKind kind;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            if (span.Length > 0 && span[0] is >= (byte)'0' and <= (byte)'9'
                && Utf8Parser.TryParse(span, out int parsed, out int consumed) && consumed == span.Length)
            {
                fieldId = parsed;
                key = string.Empty;
                reader.Read();
                return RecordKeyKind.FieldId;
            }

            // The record id and the view key every item of a page repeats: no new string per record.
            string? known = span.SequenceEqual("_id"u8) ? "_id" : span.SequenceEqual("id"u8) ? "id" : null;
            if (known is not null)
            {
                key = known;
                reader.Read();
                return RecordKeyKind.RecordId;
            }

            if (LastViewKey is { } last && span.SequenceEqual(last.Utf8))
            {
                key = last.Text;
                reader.Read();
                return RecordKeyKind.ViewData;
            }
        }

        key = reader.GetString()!;
        if (key.Length > 0 && key[0] is >= '0' and <= '9'
            && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int escapedId))
        {
            fieldId = escapedId;
            kind = RecordKeyKind.FieldId;
        }
        else if (string.Equals(key, "_id", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "id", StringComparison.OrdinalIgnoreCase))
        {
            kind = RecordKeyKind.RecordId;
        }
        else if (key.StartsWith("view-", StringComparison.OrdinalIgnoreCase))
        {
            kind = RecordKeyKind.ViewData;
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                LastViewKey = new ViewKey(reader.ValueSpan.ToArray(), key);
            }
        }
        else
        {
            kind = RecordKeyKind.Other;
        }

        reader.Read();
        return kind;
    }

    /// <summary>The view key read last (a page's items all carry the same one), its bytes and its text.</summary>
    private static ViewKey? LastViewKey;

    private sealed record ViewKey(byte[] Utf8, string Text);

    /// <summary>Reads a record id (a string, or a number sent as one).</summary>
    public static string? ReadRecordId(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw Unexpected(ref reader, "_id", "a string"),
    };

    /// <summary>Checks that the reader is on the start of a record object.</summary>
    public static void ExpectRecordStart(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None)
        {
            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new WorkiomPayloadException($"Expected a record object but found {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Skips a value the record does not keep (view data).</summary>
    public static void Skip(ref Utf8JsonReader reader) => reader.Skip();

    public static string? ReadString(ref Utf8JsonReader reader, int fieldId)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                throw Unexpected(ref reader, fieldId, "text");
        }
    }

    public static decimal? ReadDecimal(ref Utf8JsonReader reader, int fieldId)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out decimal number))
                {
                    return number;
                }

                if (reader.TryGetDouble(out double large) && Math.Abs(large) < 7.9e28)
                {
                    return (decimal)large;
                }

                throw Unexpected(ref reader, fieldId, "a number that fits a decimal");
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal parsed))
                {
                    return parsed;
                }

                throw Unexpected(ref reader, fieldId, "a number");
            case JsonTokenType.StartArray:
                return ReadSingle(ref reader, fieldId, static (ref Utf8JsonReader r, int id) => ReadDecimal(ref r, id));
            default:
                throw Unexpected(ref reader, fieldId, "a number");
        }
    }

    public static long? ReadInt64(ref Utf8JsonReader reader, int fieldId)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long whole))
        {
            // Digits without a fraction or exponent: what the decimal path would return, sooner.
            return whole;
        }

        var value = ReadDecimal(ref reader, fieldId);
        if (value is null)
        {
            return null;
        }

        if (value != decimal.Truncate(value.Value) || value < long.MinValue || value > long.MaxValue)
        {
            throw new WorkiomPayloadException($"Field {fieldId}: expected a whole number but found {value.Value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return (long)value.Value;
    }

    public static bool? ReadBoolean(ref Utf8JsonReader reader, int fieldId)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out long number) && number is 0 or 1)
                {
                    return number == 1;
                }

                break;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }

                if (bool.TryParse(text, out bool parsed))
                {
                    return parsed;
                }

                if (text is "0" or "1")
                {
                    return text == "1";
                }

                break;
        }

        throw Unexpected(ref reader, fieldId, "true or false");
    }

    public static DateTimeOffset? ReadDateTime(ref Utf8JsonReader reader, int fieldId)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                // Workiom's own dates are strict ISO-8601 with Z or an offset: read those straight from
                // the bytes. Anything looser (no offset, spaces) takes the tolerant path below.
                if (!reader.ValueIsEscaped && !reader.HasValueSequence && HasExplicitOffset(reader.ValueSpan)
                    && reader.TryGetDateTimeOffset(out var strict))
                {
                    return strict;
                }

                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
                {
                    return parsed;
                }

                break;
        }

        throw Unexpected(ref reader, fieldId, "an ISO-8601 date and time");
    }

    public static DateOnly? ReadDate(ref Utf8JsonReader reader, int fieldId)
    {
        var value = ReadDateTime(ref reader, fieldId);

        // The calendar date as Workiom wrote it: date-only fields are stored as midnight of that date.
        return value is null ? null : DateOnly.FromDateTime(value.Value.DateTime);
    }

    public static JsonElement? ReadRaw(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>
    /// Reads an option. The option keeps what was read, so that a write sends it back as read: an
    /// object of the snapshot's own values under the canonical key names is a shared instance per
    /// known option and set of keys (no JSON kept, nothing allocated after the first); anything else
    /// (a bare label or id, other spellings, unknown keys, values the snapshot does not hold) keeps
    /// its JSON.
    /// </summary>
    public static TOption? ReadOption<TOption>(ref Utf8JsonReader reader, int fieldId)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                return ReadSingle(ref reader, fieldId, static (ref Utf8JsonReader r, int id) => ReadOption<TOption>(ref r, id));
            case JsonTokenType.String:
            {
                var start = reader;
                var option = ReadOptionText<TOption>(ref reader);
                return option is null ? null : OptionAsRead(option, JsonElement.ParseValue(ref start));
            }

            case JsonTokenType.StartObject:
                var objectStart = reader;
                string? optionId = null, label = null, color = null;
                int? order = null;
                bool? isClosed = null;

                // The known option whose id was sent, found from the bytes. Its id, label and colour
                // are used for the values equal to them, so a known option is read without a string.
                int known = -1;

                // The canonical keys seen, while every key is one of them, seen once, with a value
                // of the kind the snapshot's value has (checked against it after the loop).
                int keys = 0;
                bool canonical = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    int key = canonical ? CanonicalOptionKey(ref reader) : 0;
                    canonical = key != 0 && (keys & key) == 0;
                    keys |= key;
                    switch (ReadPropertyName(ref reader))
                    {
                        case Name.Id:
                            known = reader.TokenType is JsonTokenType.String or JsonTokenType.Number
                                && !reader.ValueIsEscaped && !reader.HasValueSequence
                                    ? KnownOptions<TOption>.IndexOf(KnownOptions<TOption>.Ids, reader.ValueSpan)
                                    : -1;
                            if (reader.TokenType == JsonTokenType.Number)
                            {
                                keys |= OptionKeys.IdIsNumber;
                            }

                            optionId = known >= 0 ? KnownOptions<TOption>.Options[known].Id : ReadRecordId(ref reader);
                            break;
                        case Name.Label:
                            canonical &= reader.TokenType == JsonTokenType.String;
                            label = known >= 0 && IsText(ref reader, KnownOptions<TOption>.Labels[known])
                                ? KnownOptions<TOption>.Options[known].Label
                                : ReadString(ref reader, fieldId);
                            break;
                        case Name.Order:
                            canonical &= reader.TokenType is JsonTokenType.Number or JsonTokenType.Null;
                            order = (int?)ReadInt64(ref reader, fieldId);
                            break;
                        case Name.Color:
                            canonical &= reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                            color = known >= 0 && IsText(ref reader, KnownOptions<TOption>.Colors[known])
                                ? KnownOptions<TOption>.Options[known].Color
                                : ReadString(ref reader, fieldId);
                            break;
                        case Name.IsClosed:
                            canonical &= reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
                            isClosed = ReadBoolean(ref reader, fieldId);
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }

                if (optionId is null && label is null)
                {
                    return null;
                }

                if (canonical && known >= 0 && (keys & OptionKeys.Id) != 0)
                {
                    var snapshot = KnownOptions<TOption>.Options[known];
                    if (((keys & OptionKeys.Label) == 0 || string.Equals(label, snapshot.Label, StringComparison.Ordinal))
                        && ((keys & OptionKeys.Order) == 0 || order == snapshot.Order)
                        && ((keys & OptionKeys.Color) == 0 || string.Equals(color, snapshot.Color, StringComparison.Ordinal))
                        && ((keys & OptionKeys.IsClosed) == 0 || isClosed == snapshot.IsClosed))
                    {
                        // The snapshot's option, read under these keys: one shared instance writes it back.
                        return KnownOptions<TOption>.AsRead(known, keys);
                    }
                }

                var read = known >= 0 && (label is null || ReferenceEquals(label, KnownOptions<TOption>.Options[known].Label))
                    ? KnownOptions<TOption>.Options[known]
                    : SelectOptions.Resolve<TOption>(optionId, label, order, color, isClosed);
                return OptionAsRead(read, JsonElement.ParseValue(ref objectStart));
            default:
                throw Unexpected(ref reader, fieldId, "a select option");
        }
    }

    /// <summary>
    /// Reads an option sent by a list in another environment: an id matched in
    /// <paramref name="toPrimary"/> becomes the primary id (so the option equals the static member), any
    /// other id stays as sent (never looked up among the primary ids); the option keeps its JSON, so that a
    /// write sends it back exactly as read.
    /// </summary>
    internal static TOption? ReadOptionIn<TOption>(ref Utf8JsonReader reader, int fieldId, IReadOnlyDictionary<string, string>? toPrimary)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                return ReadSingle(ref reader, fieldId, (ref Utf8JsonReader r, int id) => ReadOptionIn<TOption>(ref r, id, toPrimary));
            case JsonTokenType.String:
            {
                var json = JsonElement.ParseValue(ref reader);
                string text = json.GetString()!;
                if (text.Length == 0)
                {
                    return null;
                }

                TOption option;
                if (toPrimary is not null && toPrimary.TryGetValue(text, out var primaryId))
                {
                    option = SelectOptions.FindById<TOption>(primaryId) ?? TOption.Create(primaryId, text, null, null, null);
                }
                else if (SelectOptions.FindByLabel<TOption>(text) is { } byLabel)
                {
                    option = byLabel;
                }
                else
                {
                    option = TOption.Create(text, text, null, null, null);
                    option.MarkUnmatchedInEnvironment();
                }

                return OptionAsRead(option, json);
            }

            case JsonTokenType.StartObject:
            {
                var json = JsonElement.ParseValue(ref reader);
                string? optionId = null, label = null, color = null;
                int? order = null;
                bool? isClosed = null;
                foreach (var property in json.EnumerateObject())
                {
                    var value = property.Value;
                    if (property.NameEquals("id") || string.Equals(property.Name, "id", StringComparison.OrdinalIgnoreCase))
                    {
                        optionId = value.ValueKind switch
                        {
                            JsonValueKind.String => value.GetString(),
                            JsonValueKind.Number => value.GetRawText(),
                            _ => optionId,
                        };
                    }
                    else if (string.Equals(property.Name, "label", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.String)
                    {
                        label = value.GetString();
                    }
                    else if (string.Equals(property.Name, "color", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.String)
                    {
                        color = value.GetString();
                    }
                    else if (string.Equals(property.Name, "order", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number))
                    {
                        order = number;
                    }
                    else if (string.Equals(property.Name, "isClosed", StringComparison.OrdinalIgnoreCase) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        isClosed = value.GetBoolean();
                    }
                }

                if (optionId is null && label is null)
                {
                    return null;
                }

                TOption? known = null;
                bool unmatched = false;
                if (optionId is not null && toPrimary is not null && toPrimary.TryGetValue(optionId, out var primaryId))
                {
                    optionId = primaryId;
                    known = SelectOptions.FindById<TOption>(primaryId);
                }
                else if (optionId is null)
                {
                    known = SelectOptions.FindByLabel<TOption>(label!);
                    optionId = known?.Id;
                    unmatched = known is null;
                }
                else
                {
                    // An id of that environment with no match: it is not a primary id, even when it spells one.
                    unmatched = true;
                }

                var option = TOption.Create(
                    optionId ?? label!,
                    label ?? known?.Label ?? optionId!,
                    order ?? known?.Order,
                    color ?? known?.Color,
                    isClosed ?? known?.IsClosed);
                if (unmatched)
                {
                    option.MarkUnmatchedInEnvironment();
                }

                option.KeepRead(json, 0);
                return option;
            }

            default:
                throw Unexpected(ref reader, fieldId, "a select option");
        }
    }

    /// <summary>Reads options sent by a list in another environment (<see cref="ReadOptionIn{TOption}"/>).</summary>
    internal static List<TOption> ReadOptionsIn<TOption>(ref Utf8JsonReader reader, int fieldId, IReadOnlyDictionary<string, string>? toPrimary)
        where TOption : SelectOption, ISelectOption<TOption>
        => ReadMany(ref reader, fieldId, (ref Utf8JsonReader r, int id) => ReadOptionIn<TOption>(ref r, id, toPrimary));

    /// <summary>An option given as its label or id alone.</summary>
    private static TOption? ReadOptionText<TOption>(ref Utf8JsonReader reader)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            // A known label or id is found from the bytes, without a string.
            var span = reader.ValueSpan;
            if (span.IsEmpty)
            {
                return null;
            }

            int index = KnownOptions<TOption>.IndexOf(KnownOptions<TOption>.Labels, span);
            if (index < 0)
            {
                index = KnownOptions<TOption>.IndexOf(KnownOptions<TOption>.Ids, span);
            }

            if (index >= 0)
            {
                return KnownOptions<TOption>.Options[index];
            }
        }

        var text = reader.GetString()!;
        if (text.Length == 0)
        {
            return null;
        }

        return SelectOptions.FindByLabel<TOption>(text) ?? SelectOptions.FindById<TOption>(text)
            ?? TOption.Create(text, text, null, null, null);
    }

    /// <summary>The option carrying the JSON it was read from: a new instance when it is one the snapshot shares.</summary>
    private static TOption OptionAsRead<TOption>(TOption option, JsonElement json)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        if (option.IsRead || KnownOptions<TOption>.IsShared(option))
        {
            option = TOption.Create(option.Id, option.Label, option.Order, option.Color, option.IsClosed);
        }

        option.KeepRead(json, 0);
        return option;
    }

    /// <summary>The <see cref="UserKeys"/> bit of the property name under the reader when it is spelled canonically; else 0.</summary>
    private static int CanonicalUserKey(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return 0;
        }

        var span = reader.ValueSpan;
        return span.SequenceEqual("id"u8) ? UserKeys.Id
            : span.SequenceEqual("fullname"u8) ? UserKeys.FullName
            : span.SequenceEqual("emailAddress"u8) ? UserKeys.EmailAddress
            : span.SequenceEqual("userType"u8) ? UserKeys.UserType
            : span.SequenceEqual("isActive"u8) ? UserKeys.IsActive
            : 0;
    }

    /// <summary>Whether a user id's digits are the ones its number is written with (no sign, no leading zero).</summary>
    private static bool IsCanonicalUserId(ReadOnlySpan<byte> digits) =>
        digits.Length > 0 && ((digits[0] is >= (byte)'1' and <= (byte)'9') || digits.SequenceEqual("0"u8));

    /// <summary>The <see cref="OptionKeys"/> bit of the property name under the reader when it is spelled canonically; else 0.</summary>
    private static int CanonicalOptionKey(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return 0;
        }

        var span = reader.ValueSpan;
        return span.SequenceEqual("id"u8) ? OptionKeys.Id
            : span.SequenceEqual("label"u8) ? OptionKeys.Label
            : span.SequenceEqual("order"u8) ? OptionKeys.Order
            : span.SequenceEqual("color"u8) ? OptionKeys.Color
            : span.SequenceEqual("isClosed"u8) ? OptionKeys.IsClosed
            : 0;
    }

    public static List<TOption> ReadOptions<TOption>(ref Utf8JsonReader reader, int fieldId)
        where TOption : SelectOption, ISelectOption<TOption>
        => ReadMany(ref reader, fieldId, static (ref Utf8JsonReader r, int id) => ReadOption<TOption>(ref r, id));

    /// <summary>Reads a user; a user read keeps its JSON, so that it is written back as read.</summary>
    public static WorkiomUser? ReadUser(ref Utf8JsonReader reader, int fieldId)
    {
        if (reader.TokenType is JsonTokenType.Null or JsonTokenType.StartArray)
        {
            return ReadUserItem(ref reader, fieldId);
        }

        var start = reader;
        var user = ReadUserItem(ref reader, fieldId);
        if (user is not null && !((IKeepsReadJson)user).IsRead)
        {
            KeepRead(user, ref start, ref reader);
        }

        return user;
    }

    private static WorkiomUser? ReadUserItem(ref Utf8JsonReader reader, int fieldId)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
            case JsonTokenType.String:
                if (TryReadUserId(ref reader, out long bareId))
                {
                    return new WorkiomUser(bareId);
                }

                var idText = ReadRecordId(ref reader);
                return string.IsNullOrEmpty(idText) ? null : new WorkiomUser(ParseUserId(idText, fieldId));
            case JsonTokenType.StartArray:
                return ReadSingle(ref reader, fieldId, static (ref Utf8JsonReader r, int id) => ReadUser(ref r, id));
            case JsonTokenType.StartObject:
                string? userId = null, fullName = null, userName = null, displayLabel = null, email = null;
                int? userType = null;
                bool? isActive = null;
                long? parsedId = null; // the id, when it was read from the bytes rather than as userId

                // The canonical keys seen (UserKeys), while every key is one of them, seen once, with a
                // value its typed property writes back the same: then no JSON needs to be kept.
                int keys = 0;
                bool canonical = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    int key = canonical ? CanonicalUserKey(ref reader) : 0;
                    canonical = key != 0 && (keys & key) == 0;
                    keys |= key;
                    switch (ReadPropertyName(ref reader))
                    {
                        case Name.Id:
                            parsedId = TryReadUserId(ref reader, out long id) ? id : null;
                            canonical &= parsedId is not null && IsCanonicalUserId(reader.ValueSpan);
                            if (reader.TokenType == JsonTokenType.Number)
                            {
                                keys |= UserKeys.IdIsNumber;
                            }

                            userId = parsedId is null ? ReadRecordId(ref reader) : null;
                            break;
                        case Name.FullName:
                            canonical &= reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                            fullName = ReadString(ref reader, fieldId);
                            break;
                        case Name.UserName:
                            userName = ReadString(ref reader, fieldId);
                            break;
                        case Name.Label:
                            displayLabel = ReadString(ref reader, fieldId);
                            break;
                        case Name.EmailAddress:
                            canonical &= reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
                            email = ReadString(ref reader, fieldId);
                            break;
                        case Name.UserType:
                            canonical &= reader.TokenType == JsonTokenType.Null
                                || (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out _));
                            userType = (int?)ReadInt64(ref reader, fieldId);
                            break;
                        case Name.IsActive:
                            canonical &= reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
                            isActive = ReadBoolean(ref reader, fieldId);
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }

                if (parsedId is null && string.IsNullOrEmpty(userId))
                {
                    return null;
                }

                var user = new WorkiomUser(parsedId ?? ParseUserId(userId!, fieldId), fullName ?? displayLabel ?? userName, email)
                {
                    UserName = userName,
                    UserType = userType,
                    IsActive = isActive,
                };
                if (canonical && (keys & UserKeys.Id) != 0)
                {
                    // Written back from its typed values under these keys: no JSON kept.
                    user.KeepReadKeys(keys);
                }

                return user;
            default:
                throw Unexpected(ref reader, fieldId, "a user");
        }
    }

    public static List<WorkiomUser> ReadUsers(ref Utf8JsonReader reader, int fieldId)
        => ReadMany(ref reader, fieldId, static (ref Utf8JsonReader r, int id) => ReadUserItem(ref r, id));

    /// <summary>Reads links; each keeps its JSON, so that it is written back as read.</summary>
    public static TLinks ReadLinks<TLinks>(ref Utf8JsonReader reader, int fieldId) where TLinks : LinkList, new()
    {
        var links = new TLinks();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                break;
            case JsonTokenType.StartArray:
                var arrayStart = reader;
                bool skipped = false;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var itemStart = reader;
                    if (ReadLink(ref reader, fieldId) is { } link)
                    {
                        if (!((IKeepsReadJson)link).IsRead)
                        {
                            KeepRead(link, ref itemStart, ref reader);
                        }

                        links.Add(link);
                    }
                    else
                    {
                        skipped = true;
                    }
                }

                if (skipped)
                {
                    links.ReadContainer = (JsonElement.ParseValue(ref arrayStart), links.Version);
                }

                break;
            default:
                var start = reader;
                if (ReadLink(ref reader, fieldId) is { } single)
                {
                    var json = JsonElement.ParseValue(ref start);
                    ((IKeepsReadJson)single).KeepRead(ReadForm.Of(json));
                    links.Add(single);
                    links.ReadContainer = (json, links.Version);
                }

                break;
        }

        return links;
    }

    public static List<WorkiomFile> ReadFiles(ref Utf8JsonReader reader, int fieldId)
        => ReadMany(ref reader, fieldId, static (ref Utf8JsonReader r, int id) => ReadFile(ref r, id));

    public static List<CheckListItem> ReadCheckList(ref Utf8JsonReader reader, int fieldId)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // Workiom sometimes stores the array as a JSON string of itself.
            var text = reader.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return new List<CheckListItem>();
            }

            var container = JsonElement.ParseValue(ref reader);
            var inner = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            try
            {
                inner.Read();
                var items = ReadMany(ref inner, fieldId, static (ref Utf8JsonReader r, int id) => ReadCheckListItem(ref r, id));

                // Written back as read (a string) while the items are not edited.
                return new AsReadList<CheckListItem>(items, container);
            }
            catch (JsonException ex)
            {
                throw new WorkiomPayloadException($"Field {fieldId}: the CheckList string is not a JSON array of {{label, check}}.", ex);
            }
        }

        return ReadMany(ref reader, fieldId, static (ref Utf8JsonReader r, int id) => ReadCheckListItem(ref r, id));
    }

    private static WorkiomLink? ReadLink(ref Utf8JsonReader reader, int fieldId)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
            case JsonTokenType.Number:
                var bare = ReadRecordId(ref reader);
                return string.IsNullOrEmpty(bare) ? null : new WorkiomLink(bare);
            case JsonTokenType.StartObject:
                string? linkId = null, label = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    switch (ReadPropertyName(ref reader))
                    {
                        case Name.UnderscoreId:
                        case Name.Id when linkId is null:
                            linkId = ReadRecordId(ref reader);
                            break;
                        case Name.Label:
                            label = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                                ? JsonElement.ParseValue(ref reader).GetRawText()
                                : ReadString(ref reader, fieldId);
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }

                return string.IsNullOrEmpty(linkId) ? null : new WorkiomLink(linkId, label);
            default:
                throw Unexpected(ref reader, fieldId, "a link {_id, label}");
        }
    }

    private static WorkiomFile? ReadFile(ref Utf8JsonReader reader, int fieldId)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, fieldId, "a file object");
        }

        string? id = null, token = null, fileName = null, contentType = null, fileUrl = null, thumbnailUrl = null;
        long? size = null;
        bool hasThumbnail = false, isImage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (ReadPropertyName(ref reader))
            {
                case Name.UnderscoreId:
                case Name.Id:
                    id = ReadRecordId(ref reader);
                    break;
                case Name.FileToken:
                    token = ReadString(ref reader, fieldId);
                    break;
                case Name.FileName:
                    fileName = ReadString(ref reader, fieldId);
                    break;
                case Name.ContentType:
                case Name.FileType:
                    contentType = ReadString(ref reader, fieldId);
                    break;
                case Name.Size:
                    size = ReadInt64(ref reader, fieldId);
                    break;
                case Name.HasThumbnail:
                    hasThumbnail = ReadBoolean(ref reader, fieldId) ?? false;
                    break;
                case Name.IsImage:
                    isImage = ReadBoolean(ref reader, fieldId) ?? false;
                    break;
                case Name.FileUrl:
                    fileUrl = ReadString(ref reader, fieldId);
                    break;
                case Name.ThumbnailUrl:
                    thumbnailUrl = ReadString(ref reader, fieldId);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new WorkiomFile(fileName ?? string.Empty)
        {
            Id = id,
            FileToken = token,
            ContentType = contentType,
            Size = size,
            HasThumbnail = hasThumbnail,
            IsImage = isImage,
            FileUrl = fileUrl,
            ThumbnailUrl = thumbnailUrl,
        };
    }

    private static CheckListItem? ReadCheckListItem(ref Utf8JsonReader reader, int fieldId)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new CheckListItem(reader.GetString()!);
            case JsonTokenType.StartObject:
                string? label = null;
                bool check = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    switch (ReadPropertyName(ref reader))
                    {
                        case Name.Label:
                            label = ReadString(ref reader, fieldId);
                            break;
                        case Name.Check:
                        case Name.Checked:
                            check = ReadBoolean(ref reader, fieldId) ?? false;
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }

                return new CheckListItem(label ?? string.Empty, check);
            default:
                throw Unexpected(ref reader, fieldId, "a checklist item {label, check}");
        }
    }

    /// <summary>True when the reader is on a string equal to <paramref name="utf8"/>.</summary>
    private static bool IsText(ref Utf8JsonReader reader, byte[]? utf8) =>
        utf8 is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(utf8);

    /// <summary>The UTF-8 of the ids, labels and colours of the options the snapshot knew.</summary>
    private static class KnownOptions<TOption> where TOption : SelectOption, ISelectOption<TOption>
    {
        public static readonly TOption[] Options = [.. TOption.Known];

        public static readonly byte[]?[] Ids = Array.ConvertAll(Options, static option => Utf8(option.Id));

        public static readonly byte[]?[] Labels = Array.ConvertAll(Options, static option => Utf8(option.Label));

        public static readonly byte[]?[] Colors = Array.ConvertAll(Options, static option => Utf8(option.Color));

        /// <summary>Per known option and set of <see cref="OptionKeys"/>: the instance read that way, made on first use.</summary>
        private static readonly TOption?[] ReadForms = new TOption?[Options.Length * OptionKeys.Count];

        /// <summary>The shared instance of the known option at <paramref name="index"/> read under <paramref name="keys"/>.</summary>
        public static TOption AsRead(int index, int keys)
        {
            ref var slot = ref ReadForms[(index * OptionKeys.Count) + keys];
            if (slot is null)
            {
                // Two threads may both make one; either is right, and the last one stays.
                var known = Options[index];
                var made = TOption.Create(known.Id, known.Label, known.Order, known.Color, known.IsClosed);
                made.KeepRead(null, keys);
                slot = made;
            }

            return slot;
        }

        /// <summary>Whether the option is one of the instances shared by every read (a static member or a read form).</summary>
        public static bool IsShared(TOption option)
        {
            foreach (var known in Options)
            {
                if (ReferenceEquals(known, option))
                {
                    return true;
                }
            }

            return option.ReadKeys != 0;
        }

        /// <summary>The first option whose text is <paramref name="value"/>, as <see cref="SelectOptions.FindById{TOption}"/> finds it; or -1.</summary>
        public static int IndexOf(byte[]?[] texts, ReadOnlySpan<byte> value)
        {
            for (int i = 0; i < texts.Length; i++)
            {
                if (texts[i] is { } text && value.SequenceEqual(text))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The UTF-8 of a text; null (never matched) for none or one that is not valid UTF-16.</summary>
        private static byte[]? Utf8(string? text)
        {
            try
            {
                return text is null ? null : StrictUtf8.GetBytes(text);
            }
            catch (EncoderFallbackException)
            {
                return null;
            }
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private delegate T ValueReader<T>(ref Utf8JsonReader reader, int fieldId);

    /// <summary>
    /// Reads an array (or a single value where an array is expected). An item of a type that keeps
    /// its JSON (<see cref="IKeepsReadJson"/>) and was not read in a form its typed values write back
    /// gets its JSON; a value that was not a plain array of items (a single value, nulls among the
    /// items) is kept too, so that the field is written back as read while its items are not edited.
    /// </summary>
    private static List<T> ReadMany<T>(ref Utf8JsonReader reader, int fieldId, ValueReader<T?> readOne) where T : class
    {
        bool keep = KeepsJson<T>.Value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return new List<T>();
            case JsonTokenType.StartArray:
                var arrayStart = reader;
                // Workiom's arrays are mostly short: the first few items wait on the stack so that the
                // list is made at their exact count instead of growing to a default capacity.
                var head = default(FirstItems<T>);
                int count = 0;
                bool skipped = false;
                List<T>? items = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var itemStart = reader;
                    var item = readOne(ref reader, fieldId);
                    if (item is null)
                    {
                        skipped = true;
                        continue;
                    }

                    if (keep && !((IKeepsReadJson)item).IsRead)
                    {
                        // Not read in a form its typed values write back: its JSON is kept.
                        KeepRead((IKeepsReadJson)item, ref itemStart, ref reader);
                    }

                    if (items is not null)
                    {
                        items.Add(item);
                    }
                    else if (count < FirstItems<T>.Length)
                    {
                        head[count++] = item;
                    }
                    else
                    {
                        items = new List<T>(2 * FirstItems<T>.Length);
                        AddFirst(items, head, count);
                        items.Add(item);
                    }
                }

                if (items is null)
                {
                    items = new List<T>(count);
                    AddFirst(items, head, count);
                }

                return keep && skipped ? new AsReadList<T>(items, JsonElement.ParseValue(ref arrayStart)) : items;
            default:
                var start = reader;
                var single = readOne(ref reader, fieldId);
                if (single is null)
                {
                    return new List<T>();
                }

                // A single value where an array is expected: the field is written back as that value.
                var json = JsonElement.ParseValue(ref start);
                if (keep && !((IKeepsReadJson)single).IsRead)
                {
                    ((IKeepsReadJson)single).KeepRead(ReadForm.Of(json));
                }

                return new AsReadList<T>(new List<T>(1) { single }, json);
        }
    }

    /// <summary>
    /// Keeps on <paramref name="value"/> the JSON it was read from, <paramref name="start"/> being the
    /// reader on the value's first token and <paramref name="end"/> on its last. An object or array read
    /// from one contiguous buffer by a reader that allows neither comments nor trailing commas (how
    /// the client reads every reply) keeps a copy of its bytes: one array, not parsed again, written
    /// back as is. Anything else keeps an element parsed from <paramref name="start"/>.
    /// </summary>
    private static void KeepRead(IKeepsReadJson value, ref Utf8JsonReader start, ref Utf8JsonReader end)
    {
        var options = start.CurrentState.Options;
        if (start.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
            && !start.HasValueSequence && start.Position.GetObject() is null
            && options.CommentHandling == JsonCommentHandling.Disallow && !options.AllowTrailingCommas)
        {
            // The reader reads one span (no sequence position): the value's bytes run from its first
            // token, which ValueSpan points at, to where the reader now is.
            int length = checked((int)(end.BytesConsumed - start.TokenStartIndex));
            value.KeepRead(ReadForm.Of(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
                ref System.Runtime.InteropServices.MemoryMarshal.GetReference(start.ValueSpan), length).ToArray()));
            return;
        }

        value.KeepRead(ReadForm.Of(JsonElement.ParseValue(ref start)));
    }

    /// <summary>Whether items of <typeparamref name="T"/> keep the JSON they were read from.</summary>
    private static class KeepsJson<T>
    {
        public static readonly bool Value = typeof(IKeepsReadJson).IsAssignableFrom(typeof(T));
    }

    private static void AddFirst<T>(List<T> items, in FirstItems<T> head, int count) where T : class
    {
        for (int i = 0; i < count; i++)
        {
            items.Add(head[i]!);
        }
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct FirstItems<T>
    {
        public const int Length = 4;
        private T? _first;
    }

    private static T? ReadSingle<T>(ref Utf8JsonReader reader, int fieldId, ValueReader<T?> readOne)
    {
        T? result = default;
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var item = readOne(ref reader, fieldId);
            if (count++ == 0)
            {
                result = item;
            }
        }

        if (count > 1)
        {
            throw new WorkiomPayloadException($"Field {fieldId}: expected one value but found an array of {count}.");
        }

        return result;
    }

    /// <summary>
    /// Reads a user id that is plain digits (with an optional sign), string or number, from the bytes;
    /// false for anything else, which <see cref="ParseUserId"/> then reads or refuses from its text.
    /// </summary>
    private static bool TryReadUserId(ref Utf8JsonReader reader, out long id)
    {
        id = 0;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Number
            && !reader.ValueIsEscaped && !reader.HasValueSequence && !reader.ValueSpan.IsEmpty
            && Utf8Parser.TryParse(reader.ValueSpan, out id, out int consumed) && consumed == reader.ValueSpan.Length;
    }

    private static long ParseUserId(string text, int fieldId) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long id)
            ? id
            : throw new WorkiomPayloadException($"Field {fieldId}: user id '{Excerpt(text)}' is not a number.");

    /// <summary>The property names of Workiom's nested values (options, users, links, files, checklist items).</summary>
    internal enum Name : byte
    {
        Other,
        Id,
        UnderscoreId,
        Label,
        Order,
        Color,
        IsClosed,
        FullName,
        EmailAddress,
        UserType,
        IsActive,
        UserName,
        FileName,
        FileToken,
        FileType,
        ContentType,
        FileUrl,
        ThumbnailUrl,
        Size,
        HasThumbnail,
        IsImage,
        Check,
        Checked,
    }

    /// <summary>The known names, as they are matched without regard to case.</summary>
    private static readonly (string Text, Name Name)[] KnownPropertyNames =
    [
        ("id", Name.Id), ("_id", Name.UnderscoreId), ("label", Name.Label), ("order", Name.Order), ("color", Name.Color),
        ("isClosed", Name.IsClosed), ("fullname", Name.FullName), ("emailAddress", Name.EmailAddress), ("userType", Name.UserType),
        ("isActive", Name.IsActive), ("username", Name.UserName), ("fileName", Name.FileName), ("fileToken", Name.FileToken),
        ("fileType", Name.FileType), ("contentType", Name.ContentType), ("fileUrl", Name.FileUrl), ("thumbnailUrl", Name.ThumbnailUrl),
        ("size", Name.Size), ("hasThumbnail", Name.HasThumbnail), ("isImage", Name.IsImage), ("check", Name.Check), ("checked", Name.Checked),
    ];

    /// <summary>Which known name <paramref name="text"/> is, without regard to case.</summary>
    internal static Name Classify(string text)
    {
        foreach (var (known, value) in KnownPropertyNames)
        {
            if (string.Equals(text, known, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return Name.Other;
    }

    /// <summary>
    /// Which known name the property name under the reader is (without regard to case), and moves to
    /// its value. Plain ASCII names are matched on the UTF-8 bytes, so reading a page does not
    /// allocate a string per nested key; escaped or non-ASCII names are compared as strings.
    /// </summary>
    private static Name ReadPropertyName(ref Utf8JsonReader reader)
    {
        Name name;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && Ascii.IsValid(reader.ValueSpan))
        {
            name = MatchAscii(reader.ValueSpan);
        }
        else
        {
            name = Classify(reader.GetString()!);
        }

        reader.Read();
        return name;
    }

    private static Name MatchAscii(ReadOnlySpan<byte> span) => span.Length switch
    {
        2 when Ascii.EqualsIgnoreCase(span, "id"u8) => Name.Id,
        3 when Ascii.EqualsIgnoreCase(span, "_id"u8) => Name.UnderscoreId,
        4 when Ascii.EqualsIgnoreCase(span, "size"u8) => Name.Size,
        5 when Ascii.EqualsIgnoreCase(span, "label"u8) => Name.Label,
        5 when Ascii.EqualsIgnoreCase(span, "order"u8) => Name.Order,
        5 when Ascii.EqualsIgnoreCase(span, "color"u8) => Name.Color,
        5 when Ascii.EqualsIgnoreCase(span, "check"u8) => Name.Check,
        7 when Ascii.EqualsIgnoreCase(span, "fileUrl"u8) => Name.FileUrl,
        7 when Ascii.EqualsIgnoreCase(span, "isImage"u8) => Name.IsImage,
        7 when Ascii.EqualsIgnoreCase(span, "checked"u8) => Name.Checked,
        8 when Ascii.EqualsIgnoreCase(span, "isClosed"u8) => Name.IsClosed,
        8 when Ascii.EqualsIgnoreCase(span, "fullname"u8) => Name.FullName,
        8 when Ascii.EqualsIgnoreCase(span, "userType"u8) => Name.UserType,
        8 when Ascii.EqualsIgnoreCase(span, "isActive"u8) => Name.IsActive,
        8 when Ascii.EqualsIgnoreCase(span, "username"u8) => Name.UserName,
        8 when Ascii.EqualsIgnoreCase(span, "fileName"u8) => Name.FileName,
        8 when Ascii.EqualsIgnoreCase(span, "fileType"u8) => Name.FileType,
        9 when Ascii.EqualsIgnoreCase(span, "fileToken"u8) => Name.FileToken,
        11 when Ascii.EqualsIgnoreCase(span, "contentType"u8) => Name.ContentType,
        12 when Ascii.EqualsIgnoreCase(span, "emailAddress"u8) => Name.EmailAddress,
        12 when Ascii.EqualsIgnoreCase(span, "thumbnailUrl"u8) => Name.ThumbnailUrl,
        12 when Ascii.EqualsIgnoreCase(span, "hasThumbnail"u8) => Name.HasThumbnail,
        _ => Name.Other,
    };

    /// <summary>True for an ISO-8601 date and time that ends in Z or a ±hh:mm offset.</summary>
    private static bool HasExplicitOffset(ReadOnlySpan<byte> text) =>
        text.Length > 16 && (text[^1] is (byte)'Z' or (byte)'z' || (text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':'));

    private static WorkiomPayloadException Unexpected(ref Utf8JsonReader reader, int fieldId, string expected) =>
        Unexpected(ref reader, fieldId.ToString(CultureInfo.InvariantCulture), expected);

    private static WorkiomPayloadException Unexpected(ref Utf8JsonReader reader, string field, string expected)
    {
        string found = reader.TokenType switch
        {
            JsonTokenType.String => $"the string \"{Excerpt(reader.GetString() ?? string.Empty)}\"",
            JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
            _ => Describe(reader.TokenType),
        };
        return new WorkiomPayloadException($"Field {field}: expected {expected} but found {found}.");
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        _ => token.ToString(),
    };

    private static string Excerpt(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
