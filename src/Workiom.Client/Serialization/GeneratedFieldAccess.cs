using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Workiom.Serialization;

/// <summary>
/// A field's id with its JSON property name encoded once, for the generated writers: a record type
/// holds one per field of its schema table (<see cref="Of"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkiomFieldKey
{
    private WorkiomFieldKey(int fieldId, bool isDeleted)
    {
        FieldId = fieldId;
        IsDeleted = isDeleted;
        _isSpecial = isDeleted;
        Name = JsonEncodedText.Encode(fieldId.ToString(CultureInfo.InvariantCulture));
    }

    private WorkiomFieldKey(WorkiomFieldKey primary, Schema.WorkiomListEnvironment environment, int? environmentFieldId)
    {
        FieldId = primary.FieldId;
        IsDeleted = primary.IsDeleted;
        Environment = environment;
        IsUnmatched = environmentFieldId is null;
        _isSpecial = IsDeleted || IsUnmatched;
        Name = JsonEncodedText.Encode((environmentFieldId ?? primary.FieldId).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The key of a primary field in an environment (its id there, or unmatched).</summary>
    internal static WorkiomFieldKey InEnvironment(WorkiomFieldKey primary, Schema.WorkiomListEnvironment environment) =>
        new(primary, environment, environment.TryGetFieldId(primary.FieldId, out int id) ? id : null);

    // Deleted or unmatched: whether the write includes the field takes the slow path.
    private readonly bool _isSpecial;

    /// <summary>The keys of a list's fields, in the order of its schema table.</summary>
    /// <param name="schema">The schema table of a generated record type.</param>
    /// <returns>One key per field; a field the table marks deleted is written only when the user set it.</returns>
    public static WorkiomFieldKey[] Of(Schema.WorkiomListSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var keys = new WorkiomFieldKey[schema.Fields.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = new WorkiomFieldKey(schema.Fields[i].Id, schema.Fields[i].IsDeleted);
        }

        return keys;
    }

    /// <summary>The field id.</summary>
    public int FieldId { get; }

    /// <summary>Whether the snapshot marks the field deleted.</summary>
    public bool IsDeleted { get; }

    /// <summary>The property name, encoded.</summary>
    public JsonEncodedText Name { get; }

    /// <summary>The environment the key writes in; null for the primary environment.</summary>
    internal Schema.WorkiomListEnvironment? Environment { get; }

    /// <summary>Whether the field has no match in <see cref="Environment"/>.</summary>
    internal bool IsUnmatched { get; }

    /// <summary>Whether the write includes the field, given whether its value is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsIncluded(in FieldWriteFilter filter, bool isEmpty) =>
        _isSpecial ? IsIncludedSpecial(filter, isEmpty) : filter.Includes(FieldId, isEmpty);

    /// <summary>
    /// A deleted field is written only when the user set it; a field with no match in the environment is
    /// left out when empty and refuses a value (never dropped silently).
    /// </summary>
    private bool IsIncludedSpecial(in FieldWriteFilter filter, bool isEmpty)
    {
        bool included = IsDeleted ? filter.IncludesDeleted(FieldId, isEmpty) : filter.Includes(FieldId, isEmpty);
        if (!included || !IsUnmatched)
        {
            return included;
        }

        if (isEmpty)
        {
            return false;
        }

        var environment = Environment!;
        throw new WorkiomEnvironmentException(
            "The field \"" + environment.FieldName(FieldId) + "\" (" + FieldId.ToString(CultureInfo.InvariantCulture) + ") of the list \"" + environment.Schema.ListName +
            "\" has no match in the environment \"" + environment.Name + "\", so its value cannot be written there; nothing was sent.");
    }
}

/// <summary>
/// The generated writers' entry points: each writes one field (its name, then its value through
/// <see cref="WorkiomJsonWriter"/>) when the write includes it, so a record's writer is one line per field.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WriteField
{
    /// <summary>Writes a text field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void String(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, string? value)
    {
        if (key.IsIncluded(filter, value is null))
        {
            // One writer call with the pre-encoded name, as System.Text.Json's own fast path does.
            if (value is null)
            {
                writer.WriteNull(key.Name);
            }
            else
            {
                writer.WriteString(key.Name, value);
            }
        }
    }

    /// <summary>Writes a number field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Decimal(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, decimal? value)
    {
        if (key.IsIncluded(filter, value is null))
        {
            if (value is null)
            {
                writer.WriteNull(key.Name);
            }
            else
            {
                writer.WriteNumber(key.Name, value.Value);
            }
        }
    }

    /// <summary>Writes a whole-number field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Int64(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, long? value) =>
        Decimal(writer, filter, key, value);

    /// <summary>Writes a yes/no field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Boolean(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, bool? value)
    {
        if (key.IsIncluded(filter, value is null))
        {
            if (value is null)
            {
                writer.WriteNull(key.Name);
            }
            else
            {
                writer.WriteBoolean(key.Name, value.Value);
            }
        }
    }

    /// <summary>Writes a date-and-time field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DateTime(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, DateTimeOffset? value)
    {
        if (key.IsIncluded(filter, value is null))
        {
            writer.WritePropertyName(key.Name);
            WorkiomJsonWriter.WriteDateTime(writer, value);
        }
    }

    /// <summary>Writes a date-only field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Date(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, DateOnly? value)
    {
        if (key.IsIncluded(filter, value is null))
        {
            writer.WritePropertyName(key.Name);
            WorkiomJsonWriter.WriteDate(writer, value);
        }
    }

    /// <summary>Writes a field kept as raw JSON.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Raw(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, JsonElement? value)
    {
        if (key.IsIncluded(filter, value is null))
        {
            writer.WritePropertyName(key.Name);
            WorkiomJsonWriter.WriteRaw(writer, value);
        }
    }

    /// <summary>Writes a single-option field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    /// <param name="shape">The shape of an option the user picked.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Option(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, SelectOption? value, SelectWriteShape shape)
    {
        if (key.IsIncluded(filter, value is null))
        {
            writer.WritePropertyName(key.Name);
            if (key.Environment is null)
            {
                WorkiomJsonWriter.WriteOption(writer, value, shape);
            }
            else
            {
                WorkiomJsonWriter.WriteOptionIn(writer, value, shape, key);
            }
        }
    }

    /// <summary>Writes a multiple-option field.</summary>
    /// <typeparam name="TOption">The option type.</typeparam>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    /// <param name="shape">The shape of an option the user picked.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Options<TOption>(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, List<TOption>? value, SelectWriteShape shape)
        where TOption : SelectOption
    {
        if (key.IsIncluded(filter, value is null || value.Count == 0))
        {
            writer.WritePropertyName(key.Name);
            if (key.Environment is null)
            {
                WorkiomJsonWriter.WriteOptions(writer, value, shape);
            }
            else
            {
                WorkiomJsonWriter.WriteOptionsIn(writer, value, shape, key);
            }
        }
    }

    /// <summary>Writes a LinkList field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    /// <param name="shape">The shape of a link the user made.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Links(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, LinkList? value, LinkWriteShape shape)
    {
        if (key.IsIncluded(filter, value is null || value.Count == 0))
        {
            writer.WritePropertyName(key.Name);
            WorkiomJsonWriter.WriteLinks(writer, value, shape);
        }
    }

    /// <summary>Writes a single-user field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    /// <param name="shape">The shape of a user the user picked.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void User(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, WorkiomUser? value, UserWriteShape shape)
    {
        if (key.IsIncluded(filter, value is null))
        {
            writer.WritePropertyName(key.Name);
            WorkiomJsonWriter.WriteUser(writer, value, shape);
        }
    }

    /// <summary>Writes a multiple-user field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    /// <param name="shape">The shape of a user the user picked.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Users(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, List<WorkiomUser>? value, UserWriteShape shape)
    {
        if (key.IsIncluded(filter, value is null || value.Count == 0))
        {
            writer.WritePropertyName(key.Name);
            WorkiomJsonWriter.WriteUsers(writer, value, shape);
        }
    }

    /// <summary>Writes a File or Signature field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Files(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, List<WorkiomFile>? value)
    {
        if (key.IsIncluded(filter, value is null || value.Count == 0))
        {
            writer.WritePropertyName(key.Name);
            WorkiomJsonWriter.WriteFiles(writer, value);
        }
    }

    /// <summary>Writes a CheckList field.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="filter">Which fields the write includes.</param>
    /// <param name="key">The field.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckList(Utf8JsonWriter writer, in FieldWriteFilter filter, WorkiomFieldKey key, List<CheckListItem>? value)
    {
        if (key.IsIncluded(filter, value is null || value.Count == 0))
        {
            writer.WritePropertyName(key.Name);
            WorkiomJsonWriter.WriteCheckList(writer, value);
        }
    }
}

/// <summary>
/// The generated readers' entry points: the record's keys that are not field ids are handled here,
/// and each field's value is read through <see cref="WorkiomJsonReader"/>, so a record's reader is one line per field.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ReadField
{
    /// <summary>
    /// Moves to the next field-id key of the record and onto its value; the record id, view data and
    /// other keys met on the way are taken into <paramref name="record"/> (other keys are kept as read).
    /// </summary>
    /// <param name="reader">The JSON reader, inside the record object.</param>
    /// <param name="record">The record being read.</param>
    /// <param name="fieldId">The field id.</param>
    /// <param name="key">The key as sent when it was not plain digits; otherwise empty.</param>
    /// <returns>False at the end of the record.</returns>
    public static bool Next(ref Utf8JsonReader reader, WorkiomRecord record, out int fieldId, out string key)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (WorkiomJsonReader.ReadRecordKey(ref reader, out fieldId, out key))
            {
                case RecordKeyKind.FieldId:
                    return true;
                case RecordKeyKind.RecordId:
                    record.Id = WorkiomJsonReader.ReadRecordId(ref reader);
                    break;
                case RecordKeyKind.ViewData:
                    reader.Skip();
                    break;
                default:
                    record.KeepUnknownField(key, ref reader);
                    break;
            }
        }

        fieldId = 0;
        key = string.Empty;
        return false;
    }

    /// <summary>
    /// <see cref="Next(ref Utf8JsonReader, WorkiomRecord, out int, out string)"/> for a record sent by the list in
    /// <paramref name="environment"/> (null: the primary one): a key that is a field id there becomes the primary
    /// field id it matches; a key that matches none (even one equal to some primary field id) is kept as read.
    /// </summary>
    /// <param name="reader">The JSON reader, inside the record object.</param>
    /// <param name="record">The record being read.</param>
    /// <param name="environment">The environment the record comes from; null for the primary one.</param>
    /// <param name="fieldId">The primary field id.</param>
    /// <param name="key">The key as sent when it was not the primary id's digits; otherwise empty.</param>
    /// <returns>False at the end of the record.</returns>
    public static bool Next(ref Utf8JsonReader reader, WorkiomRecord record, Schema.WorkiomListEnvironment? environment, out int fieldId, out string key)
    {
        if (environment is null)
        {
            return Next(ref reader, record, out fieldId, out key);
        }

        while (Next(ref reader, record, out int environmentFieldId, out key))
        {
            if (key.Length == 0)
            {
                key = environmentFieldId.ToString(CultureInfo.InvariantCulture);
            }

            if (environment.TryGetPrimaryFieldId(environmentFieldId, out fieldId))
            {
                return true;
            }

            record.KeepUnknownField(key, ref reader);
        }

        fieldId = 0;
        key = string.Empty;
        return false;
    }

    /// <summary>Keeps the value of a field the snapshot does not know, as read.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="record">The record being read.</param>
    /// <param name="fieldId">The field id.</param>
    /// <param name="key">The key as sent when it was not plain digits; otherwise empty.</param>
    public static void Unknown(ref Utf8JsonReader reader, WorkiomRecord record, int fieldId, string key) =>
        record.KeepUnknownField(key.Length == 0 ? fieldId.ToString(CultureInfo.InvariantCulture) : key, ref reader);

    /// <summary>Reads a text value.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? String(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadString(ref reader, fieldId);

    /// <summary>Reads a number.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal? Decimal(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadDecimal(ref reader, fieldId);

    /// <summary>Reads a whole number.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long? Int64(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadInt64(ref reader, fieldId);

    /// <summary>Reads a yes/no value.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool? Boolean(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadBoolean(ref reader, fieldId);

    /// <summary>Reads a date and time.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTimeOffset? DateTime(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadDateTime(ref reader, fieldId);

    /// <summary>Reads a date.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateOnly? Date(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadDate(ref reader, fieldId);

    /// <summary>Reads a value kept as raw JSON.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id (unused: any JSON value is taken).</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static JsonElement? Raw(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadRaw(ref reader);

    /// <summary>Reads an option.</summary>
    /// <typeparam name="TOption">The option type.</typeparam>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TOption? Option<TOption>(ref Utf8JsonReader reader, int fieldId)
        where TOption : SelectOption, ISelectOption<TOption> => WorkiomJsonReader.ReadOption<TOption>(ref reader, fieldId);

    /// <summary>Reads an option sent by the list in <paramref name="environment"/> (null: the primary one); its id becomes the primary id it matches.</summary>
    /// <typeparam name="TOption">The option type.</typeparam>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The primary field id.</param>
    /// <param name="environment">The environment the record comes from; null for the primary one.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TOption? Option<TOption>(ref Utf8JsonReader reader, int fieldId, Schema.WorkiomListEnvironment? environment)
        where TOption : SelectOption, ISelectOption<TOption> =>
        environment is null
            ? WorkiomJsonReader.ReadOption<TOption>(ref reader, fieldId)
            : WorkiomJsonReader.ReadOptionIn<TOption>(ref reader, fieldId, environment.OptionsToPrimary(fieldId));

    /// <summary>Reads options.</summary>
    /// <typeparam name="TOption">The option type.</typeparam>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static List<TOption> Options<TOption>(ref Utf8JsonReader reader, int fieldId)
        where TOption : SelectOption, ISelectOption<TOption> => WorkiomJsonReader.ReadOptions<TOption>(ref reader, fieldId);

    /// <summary>Reads options sent by the list in <paramref name="environment"/> (null: the primary one); their ids become the primary ids they match.</summary>
    /// <typeparam name="TOption">The option type.</typeparam>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The primary field id.</param>
    /// <param name="environment">The environment the record comes from; null for the primary one.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static List<TOption> Options<TOption>(ref Utf8JsonReader reader, int fieldId, Schema.WorkiomListEnvironment? environment)
        where TOption : SelectOption, ISelectOption<TOption> =>
        environment is null
            ? WorkiomJsonReader.ReadOptions<TOption>(ref reader, fieldId)
            : WorkiomJsonReader.ReadOptionsIn<TOption>(ref reader, fieldId, environment.OptionsToPrimary(fieldId));

    /// <summary>Reads links.</summary>
    /// <typeparam name="TLinks">The link list type.</typeparam>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLinks Links<TLinks>(ref Utf8JsonReader reader, int fieldId)
        where TLinks : LinkList, new() => WorkiomJsonReader.ReadLinks<TLinks>(ref reader, fieldId);

    /// <summary>Reads a user.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WorkiomUser? User(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadUser(ref reader, fieldId);

    /// <summary>Reads users.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static List<WorkiomUser> Users(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadUsers(ref reader, fieldId);

    /// <summary>Reads files.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static List<WorkiomFile> Files(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadFiles(ref reader, fieldId);

    /// <summary>Reads a checklist.</summary>
    /// <param name="reader">The JSON reader, on the value.</param>
    /// <param name="fieldId">The field id, for errors.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static List<CheckListItem> CheckList(ref Utf8JsonReader reader, int fieldId) => WorkiomJsonReader.ReadCheckList(ref reader, fieldId);
}
