using System.Globalization;
using System.Text.Json;

namespace Workiom.Serialization;

/// <summary>
/// Writers of Workiom values in the write shapes (the official API guide's, see
/// <see cref="WorkiomWriteShapes"/> for the disputed ones), called by the generated record writers.
/// </summary>
public static class WorkiomJsonWriter
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText RecordIdName = JsonEncodedText.Encode("_id");
    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText UserNameName = JsonEncodedText.Encode("username");
    private static readonly JsonEncodedText CheckName = JsonEncodedText.Encode("check");

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

        Span<char> buffer = stackalloc char[29];
        value.Value.ToUniversalTime().UtcDateTime.TryFormat(buffer, out int written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff", CultureInfo.InvariantCulture);
        "+00:00".AsSpan().CopyTo(buffer[written..]);
        writer.WriteStringValue(buffer[..(written + 6)]);
    }

    /// <summary>Writes a date-only value as midnight UTC of that date.</summary>
    public static void WriteDate(Utf8JsonWriter writer, DateOnly? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        WriteDateTime(writer, new DateTimeOffset(value.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
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

        if (shape == SelectWriteShape.Label)
        {
            writer.WriteStringValue(option.Label);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(IdName, option.Id);
        writer.WriteString(LabelName, option.Label);
        writer.WriteEndObject();
    }

    public static void WriteOptions<TOption>(Utf8JsonWriter writer, IEnumerable<TOption>? options, SelectWriteShape shape)
        where TOption : SelectOption
    {
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

    public static void WriteUser(Utf8JsonWriter writer, WorkiomUser? user, UserWriteShape shape)
    {
        if (user is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (shape == UserWriteShape.Id)
        {
            writer.WriteNumberValue(user.Id);
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber(IdName, user.Id);
        var userName = user.UserName ?? user.FullName;
        if (userName is null)
        {
            writer.WriteNull(UserNameName);
        }
        else
        {
            writer.WriteString(UserNameName, userName);
        }

        writer.WriteEndObject();
    }

    public static void WriteUsers(Utf8JsonWriter writer, IEnumerable<WorkiomUser>? users, UserWriteShape shape)
    {
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
        writer.WriteStartArray();
        if (links is not null)
        {
            for (int i = 0; i < links.Count; i++)
            {
                var link = links[i];
                if (shape == LinkWriteShape.Id)
                {
                    writer.WriteStringValue(link.Id);
                    continue;
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
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes files in the guide's write shape. A stored file keeps its <c>_id</c>; a file just
    /// uploaded is written with its token as <c>_id</c>, which is how Workiom attaches it.
    /// </summary>
    public static void WriteFiles(Utf8JsonWriter writer, IEnumerable<WorkiomFile>? files)
    {
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
        writer.WriteStartObject();
        writer.WriteString(LabelName, item.Label);
        writer.WriteBoolean(CheckName, item.Checked);
        writer.WriteEndObject();
    }
}
