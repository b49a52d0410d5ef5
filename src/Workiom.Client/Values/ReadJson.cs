using System.Text.Json;

namespace Workiom;

/// <summary>
/// Implemented by the values that keep the JSON they were read from (files, users, links and
/// checklist items), so that one read and not changed is written back with every key it had.
/// </summary>
internal interface IKeepsReadJson
{
    /// <summary>Keeps <paramref name="json"/> as the value's form on the server; this instance is its typed reading.</summary>
    void KeepReadJson(JsonElement json);
}
