namespace Workiom.Generators.Environments;

/// <summary>
/// The rule for environment names: 1 to 64 of <c>A-Z a-z 0-9 _ -</c>, compared ignoring case; <c>default</c>
/// is the primary snapshots' environment. The same rule as the client's <c>WorkiomClientOptions.Environment</c>.
/// </summary>
internal static class EnvironmentNames
{
    /// <summary>The name of the primary environment.</summary>
    public const string Default = "default";

    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="name"/> names the primary environment (empty, or <c>default</c> in any case).</summary>
    public static bool IsPrimary(string? name) =>
        name is null || name.Trim().Length == 0 || string.Equals(name.Trim(), Default, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="name"/> is not a usable environment name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return "it is longer than " + MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters";
        }

        foreach (char c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-'))
            {
                return "only the letters A-Z, digits, '_' and '-' may be used";
            }
        }

        return null;
    }

    /// <summary>
    /// The spelling a valid name is known by in generated code and diagnostics: lower case, since names
    /// are compared ignoring case (<c>Staging</c> and <c>staging</c> are one environment).
    /// </summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}
