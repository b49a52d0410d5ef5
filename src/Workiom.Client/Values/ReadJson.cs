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

    /// <summary>Keeps <paramref name="json"/> as the value's form on the server; this instance is its typed reading.</summary>
    void KeepReadJson(JsonElement json);
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
