using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Workiom.Generators.Naming;

/// <summary>Turns free-text Workiom names (any script, punctuation, emoji) into C# identifiers.</summary>
internal static class IdentifierNames
{
    /// <summary>
    /// The longest identifier derived from a name, in UTF-16 code units. The compiler refuses identifiers
    /// over 512 characters and metadata names over 1023 UTF-8 bytes; with a suffix such as <c>_{id}</c> or
    /// <c>Option</c> a derived name stays well inside both.
    /// </summary>
    public const int MaxLength = 128;

    /// <summary>
    /// The longest identifier accepted, in UTF-16 code units: a derived name with its clash suffixes
    /// (<c>_{id}</c>, <c>Option_{id}</c>, <c>_{n}</c>) stays under it, so a name the generator derived and the
    /// <c>workiom</c> tool wrote back as an override is always accepted.
    /// </summary>
    public const int MaxIdentifierLength = 160;

    /// <summary>
    /// The longest name of a generated record type, in UTF-16 code units (at most 192 UTF-8 bytes). The
    /// record implements <c>IWorkiomQueryable</c> explicitly, and the metadata name of that member spells
    /// the namespace and type twice: with <see cref="MaxNamespaceBytes"/> it stays under 1024 bytes.
    /// </summary>
    public const int MaxTypeNameLength = 64;

    /// <summary>The longest namespace accepted, in UTF-8 bytes (see <see cref="MaxTypeNameLength"/>).</summary>
    public const int MaxNamespaceBytes = 200;

    /// <summary>
    /// PascalCase of the name's words: every run of letters, digits and combining marks is a word,
    /// everything else separates words. Returns an empty string when nothing usable is left.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        // Every field and option name passes here: the result is built in a buffer reused by the thread,
        // and a name that is already PascalCase is returned as it is.
        var buffer = t_buffer is { } reused && reused.Length >= name.Length ? reused : t_buffer = new char[System.Math.Max(name.Length, 64)];
        int length = 0;
        bool same = true;
        bool startOfWord = true;
        foreach (char c in name)
        {
            // Characters outside the Basic Multilingual Plane (emoji among them) arrive as surrogates,
            // whose category is Surrogate: they separate words like punctuation does.
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (!IsIdentifierPart(category))
            {
                startOfWord = true;
                same = false;
                continue;
            }

            char kept = startOfWord && IsLetter(category) ? char.ToUpperInvariant(c) : c;
            same &= kept == c;
            buffer[length++] = kept;
            startOfWord = false;
        }

        return same ? name : length == 0 ? string.Empty : new string(buffer, 0, length);
    }

    [System.ThreadStatic]
    private static char[]? t_buffer;

    /// <summary>Why <paramref name="candidate"/> is not a usable C# identifier, or null when it is.</summary>
    public static string? Problem(string candidate)
    {
        if (candidate.Length == 0)
        {
            return "it is empty";
        }

        if (SyntaxFacts.GetKeywordKind(candidate) != SyntaxKind.None)
        {
            return "it is a C# keyword";
        }

        if (!SyntaxFacts.IsValidIdentifier(candidate))
        {
            return "it is not a valid C# identifier";
        }

        foreach (char c in candidate)
        {
            // The compiler ignores formatting characters when it compares identifiers, so "A\u200BB" would
            // be the same member as "AB" while every check here sees two names.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return "it contains an invisible formatting character";
            }
        }

        if (candidate.Length > MaxIdentifierLength)
        {
            return "it is longer than " + MaxIdentifierLength.ToString(CultureInfo.InvariantCulture) + " characters";
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="candidate"/> is not usable as the name of a generated top-level type, or null:
    /// besides being an identifier, a type name of lower-case ASCII letters only is a compiler warning
    /// (CS8981, and every contextual keyword such as <c>var</c> or <c>record</c> is one).
    /// </summary>
    public static string? TypeNameProblem(string candidate)
    {
        if (Problem(candidate) is { } problem)
        {
            return problem;
        }

        if (candidate.Length > MaxTypeNameLength)
        {
            return "a type name is at most " + MaxTypeNameLength.ToString(CultureInfo.InvariantCulture) + " characters long";
        }

        foreach (char c in candidate)
        {
            if (c is < 'a' or > 'z')
            {
                return null;
            }
        }

        return "a type name of lower-case ASCII letters only may become a C# keyword (CS8981)";
    }

    /// <summary>
    /// A PascalCase identifier for <paramref name="name"/>, falling back to <paramref name="fallback"/>
    /// when the name has no letters or digits; <paramref name="why"/> says what had to change beyond casing.
    /// </summary>
    public static string FromName(string name, string fallback, out string? why) => FromName(name, out why) ?? fallback;

    /// <summary>
    /// A PascalCase identifier for <paramref name="name"/>, or null when the caller's fallback is to be used
    /// (the name has no letters or digits, or nothing valid is left); <paramref name="why"/> says what had to change beyond casing.
    /// </summary>
    public static string? FromName(string name, out string? why)
    {
        string pascal = ToPascalCase(name);
        why = null;
        if (pascal.Length == 0)
        {
            why = "the name has no letters or digits";
            return null;
        }

        if (pascal[0] >= '0' && pascal[0] <= '9' || !SyntaxFacts.IsIdentifierStartCharacter(pascal[0]))
        {
            why = "a C# identifier cannot start with '" + pascal[0] + "'";
            pascal = "_" + pascal;
        }

        if (Shorten(pascal, MaxLength) is { } shortened)
        {
            why = "it is longer than " + MaxLength.ToString(CultureInfo.InvariantCulture) + " characters";
            pascal = shortened;
        }

        if (Problem(pascal) is { } problem)
        {
            why = problem;
            return null;
        }

        return pascal;
    }

    /// <summary>
    /// <paramref name="name"/> cut to <paramref name="maxLength"/> code units (never between the two halves
    /// of a surrogate pair), or null when it is not longer.
    /// </summary>
    public static string? Shorten(string name, int maxLength)
    {
        if (name.Length <= maxLength)
        {
            return null;
        }

        int cut = maxLength;
        if (char.IsHighSurrogate(name[cut - 1]))
        {
            cut--;
        }

        return name.Substring(0, cut);
    }

    /// <summary>English singular of the last word of a PascalCase list name ("Companies" → "Company").</summary>
    public static string Singularize(string typeName)
    {
        if (typeName.Length < 3 || !char.IsLower(typeName[typeName.Length - 1]))
        {
            return typeName;
        }

        if (EndsWith(typeName, "ies") && typeName.Length > 4)
        {
            return typeName.Substring(0, typeName.Length - 3) + "y";
        }

        if (EndsWith(typeName, "sses") || EndsWith(typeName, "shes") || EndsWith(typeName, "ches") || EndsWith(typeName, "xes") || EndsWith(typeName, "zzes"))
        {
            return typeName.Substring(0, typeName.Length - 2);
        }

        if (EndsWith(typeName, "ss") || EndsWith(typeName, "us") || EndsWith(typeName, "is"))
        {
            return typeName;
        }

        if (EndsWith(typeName, "s"))
        {
            return typeName.Substring(0, typeName.Length - 1);
        }

        return typeName;
    }

    /// <summary>Whether <paramref name="value"/> is a dotted sequence of valid identifiers.</summary>
    public static bool IsValidNamespace(string value) => NamespaceProblem(value) is null;

    /// <summary>Why <paramref name="value"/> is not usable as the namespace of generated types, or null.</summary>
    public static string? NamespaceProblem(string value)
    {
        if (value.Length == 0)
        {
            return "it is empty";
        }

        if (Encoding.UTF8.GetByteCount(value) > MaxNamespaceBytes)
        {
            return "it is longer than " + MaxNamespaceBytes.ToString(CultureInfo.InvariantCulture) + " UTF-8 bytes";
        }

        foreach (var part in value.Split('.'))
        {
            if (Problem(part) is { } problem)
            {
                return part.Length == 0
                    ? "it is not a dotted list of C# identifiers"
                    : "its part '" + part + "' is not usable: " + problem;
            }
        }

        return null;
    }

    /// <summary>
    /// A short, stable (across processes and machines) hexadecimal hash of <paramref name="value"/>, to
    /// make a name distinct when nothing readable is left to do it (FNV-1a over the UTF-16 code units).
    /// </summary>
    public static string StableHash(string value)
    {
        uint hash = 2166136261;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static bool EndsWith(string value, string suffix) => value.EndsWith(suffix, System.StringComparison.Ordinal);

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(UnicodeCategory category) => IsLetter(category)
        || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
