using System.Globalization;
using System.Text.Json;
using Name = Workiom.Serialization.WorkiomJsonReader.Name;

namespace Workiom.Serialization;

/// <summary>
/// Writers of Workiom values, called by the generated record writers. A value read from Workiom
/// and not changed is written back as it was read: every key, its spelling and value kind, unknown
/// keys included (a list read as a JSON string or a single object, too, while its items are not
/// edited). A read value changed with <c>with</c> keeps its read keys with only the changed ones
/// replaced; a value made by the user (or a read one given another id) is written in the write
/// shapes (the official API guide's, see <see cref="WorkiomWriteShapes"/> for the disputed ones).
/// </summary>
public static class WorkiomJsonWriter
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText RecordIdName = JsonEncodedText.Encode("_id");
    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText UserNameName = JsonEncodedText.Encode("username");
    private static readonly JsonEncodedText CheckName = JsonEncodedText.Encode("check");
    private static readonly JsonEncodedText OrderName = JsonEncodedText.Encode("order");
    private static readonly JsonEncodedText ColorName = JsonEncodedText.Encode("color");
    private static readonly JsonEncodedText IsClosedName = JsonEncodedText.Encode("isClosed");

    /// <summary>
    /// Writes a value kept as read with the bytes it was read with (number text and string escapes
    /// as Workiom sent them; a .NET string could not even hold some of them).
    /// </summary>
    internal static void WriteAsRead(Utf8JsonWriter writer, JsonElement value)
    {
        try
        {
#if NET9_0_OR_GREATER
            writer.WriteRawValue(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value));
#else
            writer.WriteRawValue(value.GetRawText());
#endif
        }
        catch (JsonException)
        {
            // Only a value read with comments skipped gets here (its raw text still holds them):
            // nothing has been written for it yet, so it goes out without the comments.
            value.WriteTo(writer);
        }
    }

    /// <summary>A list read from a value that was not a plain array, not edited since: written back as that value.</summary>
    private static bool TryWriteListAsRead<T>(Utf8JsonWriter writer, IEnumerable<T>? items) where T : class
    {
        if (items is AsReadList<T> read && read.IsAsRead())
        {
            WriteAsRead(writer, read.Container);
            return true;
        }

        return false;
    }

    public static void WriteString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    public static void WriteDecimal(Utf8JsonWriter writer, decimal? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteNumberValue(value.Value);
        }
    }

    public static void WriteBoolean(Utf8JsonWriter writer, bool? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBooleanValue(value.Value);
        }
    }

    /// <summary>Writes a date and time as the guide shows it: <c>2018-11-13T00:00:00.000+00:00</c>, in UTC.</summary>
    public static void WriteDateTime(Utf8JsonWriter writer, DateTimeOffset? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        WriteUtc(writer, value.Value.UtcDateTime);
    }

    /// <summary>
    /// <c>"yyyy-MM-ddTHH:mm:ss.fff+00:00"</c> of a UTC time, its digits put straight into UTF-8. For a
    /// writer with the default encoder (which escapes <c>+</c> as <c>\u002B</c>) and no indentation, the
    /// whole string is written as the encoder would have written it; any other writer encodes it itself.
    /// </summary>
    private static void WriteUtc(Utf8JsonWriter writer, DateTime utc)
    {
        // "yyyy-MM-ddTHH:mm:ss.fff\u002B00:00", quotes included.
        Span<byte> text = stackalloc byte[36];
        text[0] = (byte)'"';
        Digits(text.Slice(1, 4), utc.Year);
        text[5] = (byte)'-';
        Digits(text.Slice(6, 2), utc.Month);
        text[8] = (byte)'-';
        Digits(text.Slice(9, 2), utc.Day);
        text[11] = (byte)'T';
        Digits(text.Slice(12, 2), utc.Hour);
        text[14] = (byte)':';
        Digits(text.Slice(15, 2), utc.Minute);
        text[17] = (byte)':';
        Digits(text.Slice(18, 2), utc.Second);
        text[20] = (byte)'.';
        Digits(text.Slice(21, 3), utc.Millisecond);
        var options = writer.Options;
        if (options.Encoder is null && !options.Indented)
        {
            "\\u002B00:00\""u8.CopyTo(text[24..]);
            writer.WriteRawValue(text, skipInputValidation: true);
        }
        else
        {
            "+00:00"u8.CopyTo(text[24..]);
            writer.WriteStringValue(text.Slice(1, 29));
        }
    }

    /// <summary>Writes <paramref name="value"/> (not negative) as exactly <c>digits.Length</c> decimal digits.</summary>
    private static void Digits(Span<byte> digits, int value)
    {
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            (value, int digit) = Math.DivRem(value, 10);
            digits[i] = (byte)('0' + digit);
        }
    }

    /// <summary>Writes a date-only value as midnight UTC of that date.</summary>
    public static void WriteDate(Utf8JsonWriter writer, DateOnly? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        WriteUtc(writer, value.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    public static void WriteRaw(Utf8JsonWriter writer, JsonElement? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.Value.WriteTo(writer);
        }
    }

    public static void WriteOption(Utf8JsonWriter writer, SelectOption? option, SelectWriteShape shape)
    {
        if (option is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (option.ReadJson is { } json)
        {
            WriteAsRead(writer, json);
            return;
        }

        if (option.ReadKeys != 0)
        {
            WriteOptionAsRead(writer, option, option.ReadKeys);
            return;
        }

        if (shape == SelectWriteShape.Label)
        {
            writer.WriteStringValue(option.Label);
            return;
        }

        var options = writer.Options;
        if (options.Encoder is null && !options.Indented)
        {
            // An option the user picked is almost always one of the static members shared by every
            // record: its {"id": …, "label": …} is encoded once and copied from then on.
            if (!OptionObjects.TryGetValue(option, out var utf8))
            {
                utf8 = EncodeOptionObject(option);
                OptionObjects.AddOrUpdate(option, utf8);
            }

            writer.WriteRawValue(utf8, skipInputValidation: true);
            return;
        }

        WriteOptionObject(writer, option);
    }

    /// <summary>
    /// Writes an option into a list in another environment (<paramref name="key"/>'s): an option read is
    /// written back as read; an option the user picked goes in the write shape with its id there, and one
    /// that has no match there is refused.
    /// </summary>
    internal static void WriteOptionIn(Utf8JsonWriter writer, SelectOption? option, SelectWriteShape shape, WorkiomFieldKey key)
    {
        if (option is null || option.IsRead)
        {
            WriteOption(writer, option, shape);
            return;
        }

        var environment = key.Environment!;
        if (!environment.TryGetOptionId(key.FieldId, option.Id, out var id))
        {
            throw new WorkiomEnvironmentException(
                "The option \"" + option.Label + "\" (" + option.Id + ") of the field \"" + environment.FieldName(key.FieldId) + "\" (" +
                key.FieldId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") of the list \"" + environment.Schema.ListName +
                "\" has no match in the environment \"" + environment.Name + "\", so it cannot be written there; nothing was sent.");
        }

        if (shape == SelectWriteShape.Label)
        {
            writer.WriteStringValue(option.Label);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(IdName, id);
        writer.WriteString(LabelName, option.Label);
        writer.WriteEndObject();
    }

    /// <summary>Writes options into a list in another environment (<see cref="WriteOptionIn"/>).</summary>
    internal static void WriteOptionsIn<TOption>(Utf8JsonWriter writer, IEnumerable<TOption>? options, SelectWriteShape shape, WorkiomFieldKey key)
        where TOption : SelectOption
    {
        if (TryWriteListAsRead(writer, options))
        {
            return;
        }

        writer.WriteStartArray();
        if (options is not null)
        {
            foreach (var option in options)
            {
                WriteOptionIn(writer, option, shape, key);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Per option written in the write shape: its <c>{"id": …, "label": …}</c> as the default encoder writes it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SelectOption, byte[]> OptionObjects = new();

    private static byte[] EncodeOptionObject(SelectOption option)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteOptionObject(writer, option);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOptionObject(Utf8JsonWriter writer, SelectOption option)
    {
        writer.WriteStartObject();
        writer.WriteString(IdName, option.Id);
        writer.WriteString(LabelName, option.Label);
        writer.WriteEndObject();
    }

    /// <summary>A known option read under the canonical keys <paramref name="keys"/>: those keys, with the snapshot's values.</summary>
    private static void WriteOptionAsRead(Utf8JsonWriter writer, SelectOption option, int keys)
    {
        writer.WriteStartObject();
        if ((keys & OptionKeys.Id) != 0)
        {
            writer.WritePropertyName(IdName);
            if ((keys & OptionKeys.IdIsNumber) != 0)
            {
                // The id was read as a number whose text is the id.
                writer.WriteRawValue(option.Id);
            }
            else
            {
                writer.WriteStringValue(option.Id);
            }
        }

        if ((keys & OptionKeys.Label) != 0)
        {
            writer.WriteString(LabelName, option.Label);
        }

        if ((keys & OptionKeys.Order) != 0)
        {
            if (option.Order is { } order)
            {
                writer.WriteNumber(OrderName, order);
            }
            else
            {
                writer.WriteNull(OrderName);
            }
        }

        if ((keys & OptionKeys.Color) != 0)
        {
            if (option.Color is { } color)
            {
                writer.WriteString(ColorName, color);
            }
            else
            {
                writer.WriteNull(ColorName);
            }
        }

        if ((keys & OptionKeys.IsClosed) != 0)
        {
            if (option.IsClosed is { } isClosed)
            {
                writer.WriteBoolean(IsClosedName, isClosed);
            }
            else
            {
                writer.WriteNull(IsClosedName);
            }
        }

        writer.WriteEndObject();
    }

    public static void WriteOptions<TOption>(Utf8JsonWriter writer, IEnumerable<TOption>? options, SelectWriteShape shape)
        where TOption : SelectOption
    {
        if (TryWriteListAsRead(writer, options))
        {
            return;
        }

        writer.WriteStartArray();
        if (options is IList<TOption> list)
        {
            // Indexing, not foreach: enumerating through the interface would allocate an enumerator per write.
            for (int i = 0; i < list.Count; i++)
            {
                WriteOption(writer, list[i], shape);
            }
        }
        else if (options is not null)
        {
            foreach (var option in options)
            {
                WriteOption(writer, option, shape);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes a user: as read when read and not changed; as read with the changed keys replaced when
    /// changed with <c>with</c> (same id); else in the write shape, <c>{"id": 109725, "username": "…"}</c>,
    /// where <c>username</c> is <see cref="WorkiomUser.UserName"/>, else <see cref="WorkiomUser.FullName"/>,
    /// and is left out when neither is known (never sent as null).
    /// </summary>
    public static void WriteUser(Utf8JsonWriter writer, WorkiomUser? user, UserWriteShape shape)
    {
        if (user is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (user.HasReadJson && user.ReadAs is { } asRead && asRead.Id == user.Id)
        {
            if (ReferenceEquals(asRead, user) || asRead.Equals(user))
            {
                user.WriteAsRead(writer);
                return;
            }

            if (user.ReadJson is { ValueKind: JsonValueKind.Object } json)
            {
                WriteUserChanged(writer, json, asRead, user);
                return;
            }
        }
        else if (user.ReadKeys != 0 && user.ReadAs is { } readAs && readAs.Id == user.Id)
        {
            WriteUserKeys(writer, user, readAs, user.ReadKeys);
            return;
        }

        if (shape == UserWriteShape.Id)
        {
            writer.WriteNumberValue(user.Id);
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber(IdName, user.Id);
        if ((user.UserName ?? user.FullName) is { } userName)
        {
            writer.WriteString(UserNameName, userName);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A user read under canonical keys: those keys with its values (the read ones, or the changed
    /// ones), then any changed value the read user had no key for.
    /// </summary>
    private static void WriteUserKeys(Utf8JsonWriter writer, WorkiomUser user, WorkiomUser asRead, int keys)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(IdName);
        if ((keys & UserKeys.IdIsNumber) != 0)
        {
            writer.WriteNumberValue(user.Id);
        }
        else
        {
            Span<char> digits = stackalloc char[20];
            user.Id.TryFormat(digits, out int length, default, CultureInfo.InvariantCulture);
            writer.WriteStringValue(digits[..length]);
        }

        if ((keys & UserKeys.FullName) != 0 || !string.Equals(asRead.FullName, user.FullName, StringComparison.Ordinal))
        {
            writer.WritePropertyName("fullname");
            WriteString(writer, user.FullName);
        }

        if ((keys & UserKeys.EmailAddress) != 0 || !string.Equals(asRead.EmailAddress, user.EmailAddress, StringComparison.Ordinal))
        {
            writer.WritePropertyName("emailAddress");
            WriteString(writer, user.EmailAddress);
        }

        if ((keys & UserKeys.UserType) != 0 || asRead.UserType != user.UserType)
        {
            writer.WritePropertyName("userType");
            WriteDecimal(writer, user.UserType);
        }

        if ((keys & UserKeys.IsActive) != 0 || asRead.IsActive != user.IsActive)
        {
            writer.WritePropertyName("isActive");
            WriteBoolean(writer, user.IsActive);
        }

        if (!string.Equals(asRead.UserName, user.UserName, StringComparison.Ordinal))
        {
            writer.WritePropertyName(UserNameName);
            WriteString(writer, user.UserName);
        }

        writer.WriteEndObject();
    }

    /// <summary>A read user changed with <c>with</c>: its read keys, the changed ones with the new values.</summary>
    private static void WriteUserChanged(Utf8JsonWriter writer, JsonElement read, WorkiomUser asRead, WorkiomUser user)
    {
        bool fullName = !string.Equals(asRead.FullName, user.FullName, StringComparison.Ordinal);
        bool userName = !string.Equals(asRead.UserName, user.UserName, StringComparison.Ordinal);
        bool email = !string.Equals(asRead.EmailAddress, user.EmailAddress, StringComparison.Ordinal);
        bool userType = asRead.UserType != user.UserType;
        bool isActive = asRead.IsActive != user.IsActive;
        writer.WriteStartObject();
        foreach (var property in read.EnumerateObject())
        {
            switch (WorkiomJsonReader.Classify(property.Name))
            {
                case Name.FullName or Name.Label when fullName:
                    writer.WritePropertyName(property.Name);
                    WriteString(writer, user.FullName);
                    continue;
                case Name.UserName when userName:
                    writer.WritePropertyName(property.Name);
                    WriteString(writer, user.UserName);
                    userName = false;
                    continue;
                case Name.EmailAddress when email:
                    writer.WritePropertyName(property.Name);
                    WriteString(writer, user.EmailAddress);
                    email = false;
                    continue;
                case Name.UserType when userType:
                    writer.WritePropertyName(property.Name);
                    WriteDecimal(writer, user.UserType);
                    userType = false;
                    continue;
                case Name.IsActive when isActive:
                    writer.WritePropertyName(property.Name);
                    WriteBoolean(writer, user.IsActive);
                    isActive = false;
                    continue;
            }

            property.WriteTo(writer);
        }

        // Changed values the read user had no key for, under the read shape's names.
        if (fullName && !HasAny(read, Name.FullName, Name.Label))
        {
            writer.WritePropertyName("fullname");
            WriteString(writer, user.FullName);
        }

        if (userName)
        {
            writer.WritePropertyName(UserNameName);
            WriteString(writer, user.UserName);
        }

        if (email)
        {
            writer.WritePropertyName("emailAddress");
            WriteString(writer, user.EmailAddress);
        }

        if (userType)
        {
            writer.WritePropertyName("userType");
            WriteDecimal(writer, user.UserType);
        }

        if (isActive)
        {
            writer.WritePropertyName("isActive");
            WriteBoolean(writer, user.IsActive);
        }

        writer.WriteEndObject();
    }

    private static bool HasAny(JsonElement read, Name first, Name second)
    {
        foreach (var property in read.EnumerateObject())
        {
            var name = WorkiomJsonReader.Classify(property.Name);
            if (name == first || name == second)
            {
                return true;
            }
        }

        return false;
    }

    public static void WriteUsers(Utf8JsonWriter writer, IEnumerable<WorkiomUser>? users, UserWriteShape shape)
    {
        if (TryWriteListAsRead(writer, users))
        {
            return;
        }

        writer.WriteStartArray();
        if (users is IList<WorkiomUser> list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                WriteUser(writer, list[i], shape);
            }
        }
        else if (users is not null)
        {
            foreach (var user in users)
            {
                WriteUser(writer, user, shape);
            }
        }

        writer.WriteEndArray();
    }

    public static void WriteLinks(Utf8JsonWriter writer, LinkList? links, LinkWriteShape shape)
    {
        if (links?.ReadContainer is { } container && container.Version == links.Version)
        {
            WriteAsRead(writer, container.Json);
            return;
        }

        writer.WriteStartArray();
        if (links is not null)
        {
            for (int i = 0; i < links.Count; i++)
            {
                WriteLink(writer, links[i], shape);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteLink(Utf8JsonWriter writer, WorkiomLink link, LinkWriteShape shape)
    {
        if (link.HasReadJson && link.ReadAs is { } asRead && string.Equals(asRead.Id, link.Id, StringComparison.Ordinal))
        {
            if (ReferenceEquals(asRead, link) || asRead.Equals(link))
            {
                link.WriteAsRead(writer);
                return;
            }

            if (link.ReadJson is { ValueKind: JsonValueKind.Object } json)
            {
                // Only the label can differ: the read keys, the label ones with the new label.
                bool wrote = false;
                writer.WriteStartObject();
                foreach (var property in json.EnumerateObject())
                {
                    if (WorkiomJsonReader.Classify(property.Name) == Name.Label)
                    {
                        writer.WritePropertyName(property.Name);
                        WriteString(writer, link.Label);
                        wrote = true;
                        continue;
                    }

                    property.WriteTo(writer);
                }

                if (!wrote)
                {
                    writer.WritePropertyName(LabelName);
                    WriteString(writer, link.Label);
                }

                writer.WriteEndObject();
                return;
            }
        }

        if (shape == LinkWriteShape.Id)
        {
            writer.WriteStringValue(link.Id);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(RecordIdName, link.Id);
        if (link.Label is null)
        {
            writer.WriteNull(LabelName);
        }
        else
        {
            writer.WriteString(LabelName, link.Label);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes files. A file read from Workiom is written back exactly as read (every key Workiom
    /// sent), or, changed with <c>with</c> (same <c>_id</c>), as read with the changed keys replaced;
    /// a file just uploaded (or given another id) is written in the guide's write shape for a new
    /// file, with its token as <c>_id</c>, which is how Workiom attaches it.
    /// </summary>
    public static void WriteFiles(Utf8JsonWriter writer, IEnumerable<WorkiomFile>? files)
    {
        if (TryWriteListAsRead(writer, files))
        {
            return;
        }

        writer.WriteStartArray();
        if (files is IList<WorkiomFile> list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                WriteFile(writer, list[i]);
            }
        }
        else if (files is not null)
        {
            foreach (var file in files)
            {
                WriteFile(writer, file);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteFile(Utf8JsonWriter writer, WorkiomFile file)
    {
        if (file.HasReadJson && file.ReadAs is { } asRead && string.Equals(asRead.Id, file.Id, StringComparison.Ordinal))
        {
            if (ReferenceEquals(asRead, file) || asRead.Equals(file))
            {
                file.WriteAsRead(writer);
                return;
            }

            if (file.ReadJson is { ValueKind: JsonValueKind.Object } json)
            {
                WriteFileChanged(writer, json, asRead, file);
                return;
            }
        }

        WriteNewFile(writer, file);
    }

    /// <summary>A read file changed with <c>with</c>: its read keys, the changed ones with the new values.</summary>
    private static void WriteFileChanged(Utf8JsonWriter writer, JsonElement read, WorkiomFile asRead, WorkiomFile file)
    {
        // Which typed values changed, by the name they are read under; each is written once.
        var changed = new List<(Name Name, string WriteName, Action<Utf8JsonWriter> Write)>(2);
        void Track<T>(Name name, string writeName, T before, T after, Action<Utf8JsonWriter> write)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                changed.Add((name, writeName, write));
            }
        }

        Track(Name.FileToken, "FileToken", asRead.FileToken, file.FileToken, w => WriteString(w, file.FileToken));
        Track(Name.FileName, "FileName", asRead.FileName, file.FileName, w => w.WriteStringValue(file.FileName));
        Track(Name.ContentType, "ContentType", asRead.ContentType, file.ContentType, w => WriteString(w, file.ContentType));
        Track(Name.Size, "Size", asRead.Size, file.Size, w => WriteDecimal(w, file.Size));
        Track(Name.HasThumbnail, "HasThumbnail", asRead.HasThumbnail, file.HasThumbnail, w => w.WriteBooleanValue(file.HasThumbnail));
        Track(Name.IsImage, "IsImage", asRead.IsImage, file.IsImage, w => w.WriteBooleanValue(file.IsImage));
        Track(Name.FileUrl, "FileUrl", asRead.FileUrl, file.FileUrl, w => WriteString(w, file.FileUrl));
        Track(Name.ThumbnailUrl, "ThumbnailUrl", asRead.ThumbnailUrl, file.ThumbnailUrl, w => WriteString(w, file.ThumbnailUrl));
        var written = new bool[changed.Count];
        writer.WriteStartObject();
        foreach (var property in read.EnumerateObject())
        {
            var name = WorkiomJsonReader.Classify(property.Name);
            if (name == Name.FileType)
            {
                name = Name.ContentType;
            }

            int index = changed.FindIndex(c => c.Name == name);
            if (index >= 0)
            {
                writer.WritePropertyName(property.Name);
                changed[index].Write(writer);
                written[index] = true;
                continue;
            }

            property.WriteTo(writer);
        }

        for (int i = 0; i < changed.Count; i++)
        {
            if (!written[i])
            {
                writer.WritePropertyName(changed[i].WriteName);
                changed[i].Write(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The guide's write shape of a new file.</summary>
    private static void WriteNewFile(Utf8JsonWriter writer, WorkiomFile file)
    {
        writer.WriteStartObject();
        writer.WriteString("_id", file.Id ?? file.FileToken);
        writer.WriteBoolean("AnonymousForm", false);
        writer.WriteString("ContentType", file.ContentType);
        writer.WriteNull("ExpiryDate");
        writer.WriteString("FileName", file.FileName);
        writer.WriteNull("FileUrl");
        writer.WriteNull("ThumbnailUrl");
        writer.WriteBoolean("HasThumbnail", file.HasThumbnail);
        writer.WriteBoolean("IsPermanent", true);
        if (file.Size is null)
        {
            writer.WriteNull("Size");
        }
        else
        {
            writer.WriteNumber("Size", file.Size.Value);
        }

        writer.WriteEndObject();
    }

    public static void WriteCheckList(Utf8JsonWriter writer, IEnumerable<CheckListItem>? items)
    {
        if (TryWriteListAsRead(writer, items))
        {
            return;
        }

        writer.WriteStartArray();
        if (items is IList<CheckListItem> list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                WriteCheckListItem(writer, list[i]);
            }
        }
        else if (items is not null)
        {
            foreach (var item in items)
            {
                WriteCheckListItem(writer, item);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteCheckListItem(Utf8JsonWriter writer, CheckListItem item)
    {
        if (item.HasReadJson && item.ReadAs is { } asRead)
        {
            if (ReferenceEquals(asRead, item) || asRead.Equals(item))
            {
                item.WriteAsRead(writer);
                return;
            }

            if (item.ReadJson is { ValueKind: JsonValueKind.Object } json)
            {
                // Edited (relabelled or toggled): the read keys, the changed ones with the new values.
                bool label = !string.Equals(asRead.Label, item.Label, StringComparison.Ordinal);
                bool check = asRead.Checked != item.Checked;
                writer.WriteStartObject();
                foreach (var property in json.EnumerateObject())
                {
                    switch (WorkiomJsonReader.Classify(property.Name))
                    {
                        case Name.Label when label:
                            writer.WritePropertyName(property.Name);
                            writer.WriteStringValue(item.Label);
                            label = false;
                            continue;
                        case Name.Check or Name.Checked when check:
                            writer.WritePropertyName(property.Name);
                            writer.WriteBooleanValue(item.Checked);
                            check = false;
                            continue;
                    }

                    property.WriteTo(writer);
                }

                if (label)
                {
                    writer.WriteString(LabelName, item.Label);
                }

                if (check)
                {
                    writer.WriteBoolean(CheckName, item.Checked);
                }

                writer.WriteEndObject();
                return;
            }
        }

        writer.WriteStartObject();
        writer.WriteString(LabelName, item.Label);
        writer.WriteBoolean(CheckName, item.Checked);
        writer.WriteEndObject();
    }
}
