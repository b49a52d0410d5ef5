using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Workiom.Generators.Naming;

/// <summary>Turns free-text Workiom names (any script, punctuation, emoji) into C# identifiers.</summary>
internal static class IdentifierNames
{
    /// <summary>
    /// PascalCase of the name's words: every run of letters, digits and combining marks is a word,
    /// everything else separates words. Returns an empty string when nothing usable is left.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        bool startOfWord = true;
        foreach (char c in name)
        {
            // Characters outside the Basic Multilingual Plane (emoji among them) arrive as surrogates,
            // whose category is Surrogate: they separate words like punctuation does.
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (!IsIdentifierPart(category))
            {
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord && IsLetter(category) ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        return builder.ToString();
    }

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

        return null;
    }

    /// <summary>
    /// A PascalCase identifier for <paramref name="name"/>, falling back to <paramref name="fallback"/>
    /// when the name has no letters or digits; <paramref name="why"/> says what had to change beyond casing.
    /// </summary>
    public static string FromName(string name, string fallback, out string? why)
    {
        string pascal = ToPascalCase(name);
        why = null;
        if (pascal.Length == 0)
        {
            why = "the name has no letters or digits";
            return fallback;
        }

        if (pascal[0] >= '0' && pascal[0] <= '9' || !SyntaxFacts.IsIdentifierStartCharacter(pascal[0]))
        {
            why = "a C# identifier cannot start with '" + pascal[0] + "'";
            pascal = "_" + pascal;
        }

        if (Problem(pascal) is { } problem)
        {
            why = problem;
            return fallback;
        }

        return pascal;
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
    public static bool IsValidNamespace(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var part in value.Split('.'))
        {
            if (Problem(part) is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsWith(string value, string suffix) => value.EndsWith(suffix, System.StringComparison.Ordinal);

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(UnicodeCategory category) => IsLetter(category)
        || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
