using System.Globalization;
using Workiom.Schema;

namespace Workiom.Webhooks;

/// <summary>
/// Matches the keys of a webhook payload (field names) to field ids, built once per list (and environment) from
/// the generated schema table. A key matches a field when it equals the field's name with white space removed and
/// case ignored (so the exact name, the name without spaces as Workiom sends it, and any case); when it is the
/// field id; or when it is the emulator's collision form <c>&lt;name&gt;_&lt;fieldId&gt;</c>. The five system keys
/// (<c>_creator</c>, ...) match the field with that system role. A name that several fields share once white space
/// and case are ignored is ambiguous: Workiom documents no rule for such a collision, so it is never guessed.
/// </summary>
internal sealed class WebhookKeyTable
{
    /// <summary>A key that matches more than one field.</summary>
    public const int Ambiguous = -1;

    /// <summary>A key that matches no field.</summary>
    public const int Unmatched = -2;

    private static readonly string[] SystemKeys = ["_creator", "_creationDate", "_lastUpdater", "_lastModifyDate", "_lastActivityDate"];

    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _squeezedById = new();
    private readonly Dictionary<string, int> _bySystemKey = new(StringComparer.Ordinal);

    /// <param name="fields">Each field: the id the record is read with (the key written for it) and its name there, and its system role.</param>
    public WebhookKeyTable(IEnumerable<(int Id, string Name, WorkiomSystemField System)> fields)
    {
        foreach (var (id, name, system) in fields)
        {
            string idText = id.ToString(CultureInfo.InvariantCulture);
            _byId.TryAdd(idText, id);
            string squeezed = Squeeze(name);
            if (squeezed.Length > 0)
            {
                _squeezedById.TryAdd(id, squeezed);
                _byName[squeezed] = _byName.TryGetValue(squeezed, out int earlier) && earlier != id ? Ambiguous : id;
            }

            if (system is >= WorkiomSystemField.Creator and <= WorkiomSystemField.LastActivityDate)
            {
                // The first field of each role takes the key, as the payload does.
                _bySystemKey.TryAdd(SystemKeys[(int)system - 1], id);
            }
        }
    }

    /// <summary>Whether the key is one of the five system keys (matched only by role).</summary>
    public static bool IsSystemKey(string key) => Array.IndexOf(SystemKeys, key) >= 0;

    /// <summary>The field id a payload key matches, <see cref="Ambiguous"/> or <see cref="Unmatched"/>.</summary>
    public int Match(string key)
    {
        if (IsSystemKey(key))
        {
            return _bySystemKey.TryGetValue(key, out int systemField) ? systemField : Unmatched;
        }

        int found = Unmatched;
        if (_byName.TryGetValue(Squeeze(key), out int byName))
        {
            found = byName;
        }

        if (_byId.TryGetValue(key, out int byId))
        {
            found = Combine(found, byId);
        }

        if (CollisionForm(key) is int collided)
        {
            found = Combine(found, collided);
        }

        return found;
    }

    private static int Combine(int found, int candidate) =>
        found == Unmatched || found == candidate ? candidate : Ambiguous;

    /// <summary>
    /// The field of a key in the collision form <c>&lt;name&gt;_&lt;fieldId&gt;</c> (the suffix may repeat), when
    /// the name is that field's; null otherwise.
    /// </summary>
    private int? CollisionForm(string key)
    {
        int underscore = key.LastIndexOf('_');
        if (underscore <= 0 || underscore == key.Length - 1 || !_byId.TryGetValue(key[(underscore + 1)..], out int id))
        {
            return null;
        }

        string suffix = key[underscore..];
        string prefix = key[..underscore];
        while (prefix.EndsWith(suffix, StringComparison.Ordinal) && prefix.Length > suffix.Length)
        {
            prefix = prefix[..^suffix.Length];
        }

        // A field whose name is only white space is sent under its id, and collides as "<id>_<id>".
        bool nameMatches = _squeezedById.TryGetValue(id, out var squeezed)
            ? string.Equals(Squeeze(prefix), squeezed, StringComparison.OrdinalIgnoreCase)
            : string.Equals(prefix, key[(underscore + 1)..], StringComparison.Ordinal);
        return nameMatches ? id : null;
    }

    /// <summary>The text without its white space (as Workiom's payload keys are: "Full Name" → "FullName").</summary>
    internal static string Squeeze(string text)
    {
        int i = 0;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
