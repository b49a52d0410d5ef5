using Workiom.Http;
using Workiom.Schema;

namespace WorkiomTemplateNs;

/// <summary>
/// The lists generated from the snapshots in schemas/, checked against Workiom. It knows no list by name,
/// so it keeps working when <c>workiom schema pull</c> replaces the example snapshot with your own lists.
/// </summary>
public static class WorkiomLists
{
    /// <summary>Every list generated in this app, from the snapshots in schemas/.</summary>
    public static IReadOnlyList<WorkiomListSchema> Generated { get; } = WorkiomGeneratedList.Of(typeof(WorkiomLists).Assembly);

    /// <summary>
    /// Compares each generated list with the live list in Workiom and writes one line per list: its name, id,
    /// number of fields and whether Workiom still has it as the snapshot says.
    /// </summary>
    /// <param name="client">The Workiom client (from <c>AddWorkiom</c>, or an emulator's).</param>
    /// <param name="output">Where the lines go.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The drift of each list.</returns>
    public static async Task<WorkiomSchemaReport> CheckAsync(WorkiomClient client, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        if (Generated.Count == 0)
        {
            await output.WriteLineAsync("No lists: put your lists' snapshots in schemas/ (workiom schema pull --app <id> --out schemas) and build again.");
        }

        var report = await client.CheckSchemasAsync(Generated, cancellationToken);
        foreach (var (list, drift) in Generated.Zip(report.Lists))
        {
            string state = drift.Changes.Count == 0 ? "as in its snapshot"
                : drift.HasBreakingDrift ? "CHANGED in a way that breaks this build; re-pull the snapshot"
                : "changed; re-pull the snapshot when convenient";
            await output.WriteLineAsync($"{list.ListName} ({list.ListId}): {list.Fields.Count} fields, {state}");
            foreach (var change in drift.Changes)
            {
                await output.WriteLineAsync($"  {change.Severity}: {change.Description}");
            }
        }

        return report;
    }
}
