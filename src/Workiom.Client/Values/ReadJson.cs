using System.Text.Json;

namespace Workiom;

/// <summary>
/// Implemented by the values that keep the JSON they were read from (files, users, links and
/// checklist items), so that one read and not changed is written back with every key it had.
/// </summary>
internal interface IKeepsReadJson
{
    /// <summary>Whether the value already knows how it was read (its JSON, or keys its typed values write back).</summary>
    bool IsRead { get; }

    /// <summary>
    /// Keeps <paramref name="read"/> (the exact bytes of a strictly valid JSON object or array, or an
    /// element) as the value's form on the server; this instance is its typed reading.
    /// </summary>
    void KeepRead(ReadForm read);
}

/// <summary>
/// The form a value was read in: either the bytes it was read from (the common case: a page read
/// without comments or trailing commas, copied once and written back byte for byte without being
/// parsed again), or a <see cref="JsonElement"/>. An element of the bytes is made on first need (a
/// value changed with <c>with</c> is written as read with the changed keys replaced).
/// </summary>
internal struct ReadForm
{
    private static readonly JsonDocumentOptions ParseOptions = new();

    private byte[]? _utf8;

    // Set only when the form is made: a JsonElement? is several words, which a thread could see half
    // written if it were stored lazily while another reads it.
    private JsonElement? _json;

    // The bytes parsed on first need: a reference, which every thread sees whole or not at all.
    private JsonDocument? _parsed;

    public static ReadForm Of(JsonElement json) => new() { _json = json };

    public static ReadForm Of(byte[] utf8) => new() { _utf8 = utf8 };

    /// <summary>Whether there is a form (the value was read and keeps its JSON).</summary>
    public readonly bool Exists => _utf8 is not null || _json is not null;

    /// <summary>The form as an element; null when there is none.</summary>
    public JsonElement? Json
    {
        get
        {
            if (_json is not null || _utf8 is null)
            {
                return _json;
            }

            // Two threads may both parse; either document is right.
            return (_parsed ??= JsonDocument.Parse(_utf8, ParseOptions)).RootElement;
        }
    }

    /// <summary>Writes the form as it was read: its bytes, or the element's raw bytes.</summary>
    public readonly void WriteTo(Utf8JsonWriter writer)
    {
        if (_utf8 is not null)
        {
            // The reader that read them accepted neither comments nor trailing commas: valid JSON as is.
            writer.WriteRawValue(_utf8, skipInputValidation: true);
        }
        else
        {
            Serialization.WorkiomJsonWriter.WriteAsRead(writer, _json!.Value);
        }
    }
}

/// <summary>The keys of a user object read in its canonical form (bits of <see cref="WorkiomUser.ReadKeys"/>).</summary>
internal static class UserKeys
{
    public const int Id = 1;
    public const int FullName = 2;
    public const int EmailAddress = 4;
    public const int UserType = 8;
    public const int IsActive = 16;

    /// <summary>The id was a JSON number.</summary>
    public const int IdIsNumber = 32;
}
