using System.Text.Json.Nodes;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Webhooks;

/// <summary>
/// The body of a delivery: one record in the read shape (what Data/Get returns), keyed by field names.
/// </summary>
/// <remarks>
/// The key of a field is its name with every white-space character removed ("Full Name" → "FullName"), as
/// Workiom's one known payload shows; a name that is only white space uses the field id. The system fields
/// go under <c>_creator</c>, <c>_creationDate</c>, <c>_lastUpdater</c>, <c>_lastModifyDate</c> and
/// <c>_lastActivityDate</c> (null when the list's snapshot has no such field), after <c>_id</c>. Keys are
/// compared without regard to case, as many receivers read them: a key already taken (by <c>_id</c>, a
/// system key, or an earlier field in snapshot order) gets <c>_&lt;fieldId&gt;</c> appended, so
/// "Full Name" (1) and "FullName" (2) give "FullName" and "FullName_2". Values of fields the snapshot does
/// not know stay under their stored key (the field id).
/// </remarks>
internal static class WebhookPayload
{
    private static readonly string[] SystemKeys = ["_creator", "_creationDate", "_lastUpdater", "_lastModifyDate", "_lastActivityDate"];

    public static JsonObject Build(ListSchema list, JsonObject read)
    {
        var payload = new JsonObject { ["_id"] = JsonRead.Get(read, "_id")?.DeepClone() };
        var taken = new HashSet<string>(SystemKeys, StringComparer.OrdinalIgnoreCase) { "_id" };
        var systemDone = new bool[SystemKeys.Length];
        var known = new HashSet<string>(StringComparer.Ordinal) { "_id" };

        foreach (var field in list.Fields)
        {
            known.Add(field.Key);
            var value = JsonRead.Get(read, field.Key)?.DeepClone();
            if (field.SystemFieldType is >= 1 and <= 5 && !systemDone[field.SystemFieldType - 1])
            {
                systemDone[field.SystemFieldType - 1] = true;
                payload[SystemKeys[field.SystemFieldType - 1]] = value;
                continue;
            }

            var name = new string(field.Name.Where(c => !char.IsWhiteSpace(c)).ToArray());
            payload[Claim(taken, name.Length == 0 ? field.Key : name, field.Key)] = value;
        }

        for (var i = 0; i < SystemKeys.Length; i++)
        {
            if (!systemDone[i])
            {
                payload[SystemKeys[i]] = null;
            }
        }

        foreach (var (key, value) in read)
        {
            if (!known.Contains(key))
            {
                payload[Claim(taken, key, key)] = value?.DeepClone();
            }
        }

        return payload;
    }

    private static string Claim(HashSet<string> taken, string key, string fieldKey)
    {
        while (!taken.Add(key))
        {
            key += "_" + fieldKey;
        }

        return key;
    }
}
