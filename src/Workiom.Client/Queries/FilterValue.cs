using System.Text.Json;
using Workiom.Serialization;

namespace Workiom.Queries;

/// <summary>
/// The <c>value</c> (or <c>value2</c>) of one filter item, already in the encoding Workiom expects
/// for the field's data type, so a condition never needs the descriptor again to be written.
/// </summary>
internal abstract class FilterValue
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText RecordIdName = JsonEncodedText.Encode("_id");
    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode("label");

    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>Writes the value for the list in <paramref name="environment"/>: option ids become that environment's.</summary>
    public virtual void WriteTo(Utf8JsonWriter writer, int fieldId, Schema.WorkiomListEnvironment environment) => WriteTo(writer);

    public static FilterValue Of(string value) => new StringValue(value);

    public static FilterValue Of(decimal value) => new DecimalValue(value);

    public static FilterValue Of(bool value) => new BooleanValue(value);

    public static FilterValue Of(DateTimeOffset value) => new DateTimeValue(value);

    public static FilterValue Of(DateOnly value) => new DateValue(value);

    public static FilterValue Options(IReadOnlyList<SelectOption> options) => new OptionsValue(options);

    public static FilterValue Users(IReadOnlyList<long> userIds) => new UsersValue(userIds);

    public static FilterValue Links(IReadOnlyList<WorkiomLink> links) => new LinksValue(links);

    private sealed class StringValue(string value) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(value);

        public override string ToString() => "\"" + value + "\"";
    }

    private sealed class DecimalValue(decimal value) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(value);

        public override string ToString() => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class BooleanValue(bool value) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteBooleanValue(value);

        public override string ToString() => value ? "true" : "false";
    }

    private sealed class DateTimeValue(DateTimeOffset value) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => WorkiomJsonWriter.WriteDateTime(writer, value);

        public override string ToString() => value.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class DateValue(DateOnly value) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => WorkiomJsonWriter.WriteDate(writer, value);

        public override string ToString() => value.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class OptionsValue(IReadOnlyList<SelectOption> options) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var option in options)
            {
                writer.WriteStartObject();
                writer.WriteString(IdName, option.Id);
                writer.WriteString(LabelName, option.Label);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        public override void WriteTo(Utf8JsonWriter writer, int fieldId, Schema.WorkiomListEnvironment environment)
        {
            writer.WriteStartArray();
            foreach (var option in options)
            {
                if (!environment.TryGetOptionId(fieldId, option.Id, out var id))
                {
                    throw new WorkiomEnvironmentException(
                        "The query filters the field \"" + environment.FieldName(fieldId) + "\" (" + fieldId.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                        ") of the list \"" + environment.Schema.ListName + "\" on the option \"" + option.Label + "\" (" + option.Id +
                        "), which has no match in the environment \"" + environment.Name + "\"; nothing was sent.");
                }

                writer.WriteStartObject();
                writer.WriteString(IdName, id);
                writer.WriteString(LabelName, option.Label);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        public override string ToString() => "[" + string.Join(", ", options.Select(static o => o.Label)) + "]";
    }

    private sealed class UsersValue(IReadOnlyList<long> userIds) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            Span<char> buffer = stackalloc char[20];
            foreach (var userId in userIds)
            {
                // Workiom's own view filters carry the user id as a string ({ "id": "109725" }).
                userId.TryFormat(buffer, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
                writer.WriteStartObject();
                writer.WriteString(IdName, buffer[..written]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        public override string ToString() => "[" + string.Join(", ", userIds) + "]";
    }

    private sealed class LinksValue(IReadOnlyList<WorkiomLink> links) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var link in links)
            {
                writer.WriteStartObject();
                writer.WriteString(RecordIdName, link.Id);

                // Workiom matches links by _id; a label it is not told is left out rather than sent
                // as null, so a bare id never reads as "the label is empty".
                if (link.Label is not null)
                {
                    writer.WriteString(LabelName, link.Label);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        public override string ToString() => "[" + string.Join(", ", links.Select(static l => l.Label ?? l.Id)) + "]";
    }
}
