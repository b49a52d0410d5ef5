namespace Workiom.Cli.Environments;

/// <summary>
/// Environment names (<c>--env</c>): <c>[A-Za-z0-9_-]{1,64}</c>, compared ignoring case; <c>default</c> is the
/// primary tenant. Each other environment has its own credentials and its own snapshot folder.
/// </summary>
public static class CliEnvironments
{
    /// <summary>The primary environment's name (reserved).</summary>
    public const string Default = "default";

    /// <summary>The longest environment name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The name in lower case, or a <see cref="CliException"/> that says what is allowed.</summary>
    public static string Check(string name)
    {
        bool valid = name.Length is > 0 and <= MaxNameLength
            && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-');
        if (!valid)
        {
            // The name is not repeated: it is whatever was typed, possibly long or with control characters.
            throw new CliException("An environment name is 1 to " + MaxNameLength + " letters (A-Z), digits, '_' or '-'; '" + Default + "' is the primary tenant.");
        }

        return name.ToLowerInvariant();
    }

    /// <summary>True for the primary environment (null or <c>default</c>).</summary>
    public static bool IsDefault(string? name) => name is null || string.Equals(name, Default, StringComparison.OrdinalIgnoreCase);

    /// <summary>The variable that holds the environment's API key: <c>WORKIOM_&lt;NAME&gt;_API_KEY</c> (<c>WORKIOM_API_KEY</c> for the primary).</summary>
    public static string KeyVariable(string? name) => Prefix(name) + "API_KEY";

    /// <summary>The variable that holds the environment's base URL: <c>WORKIOM_&lt;NAME&gt;_BASE_URL</c> (<c>WORKIOM_BASE_URL</c> for the primary).</summary>
    public static string BaseUrlVariable(string? name) => Prefix(name) + "BASE_URL";

    /// <summary>
    /// The environment's snapshot folder under <paramref name="root"/>: the root itself for the primary, else the
    /// sub-folder of that name (an existing one whose name differs only in case, else the name in lower case).
    /// </summary>
    public static string Folder(string root, string? name)
    {
        if (IsDefault(name))
        {
            return root;
        }

        string checkedName = Check(name!);
        if (Directory.Exists(root))
        {
            var existing = Directory.EnumerateDirectories(root)
                .Select(Path.GetFileName)
                .Where(d => string.Equals(d, checkedName, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (existing.Count == 1)
            {
                return Path.Combine(root, existing[0]!);
            }
        }

        return Path.Combine(root, checkedName);
    }

    private static string Prefix(string? name) =>
        IsDefault(name) ? "WORKIOM_" : "WORKIOM_" + Check(name!).ToUpperInvariant().Replace('-', '_') + "_";
}
