using System.Text.Json;
using Workiom.Schema;

namespace Workiom.Cli;

/// <summary>How much a change on the server can hurt code built from the old snapshot (the values of <see cref="WorkiomDriftSeverity"/>).</summary>
public enum DriftSeverity
{
    /// <summary>Existing code keeps working (a field or option added, a rename kept by field id).</summary>
    Safe,

    /// <summary>Code compiles and mostly works, but some writes may now be refused or mislabelled.</summary>
    Dangerous,

    /// <summary>Code that uses the field, option or view is wrong against the live list.</summary>
    Breaking,
}

/// <summary>One difference between a snapshot and the live list. <see cref="Kind"/> values are stable (the analyzers read them).</summary>
public sealed record DriftChange(
    string ListId,
    string ListName,
    string Snapshot,
    string Kind,
    DriftSeverity Severity,
    int? FieldId,
    string? FieldName,
    string? OptionId,
    string Description,
    int? ViewId = null);

/// <summary>
/// Compares a snapshot's list with the live one through the client's classification
/// (<see cref="WorkiomSchemaDiff"/>), the same one <c>CheckSchemasAsync</c> uses at run time.
/// </summary>
public static class SchemaDiff
{
    public static IReadOnlyList<DriftChange> Compare(LocalSnapshot snapshot, JsonElement live)
    {
        string snapshotPath = snapshot.Path.Replace('\\', '/');
        return WorkiomSchemaDiff.Compare(WorkiomListSchema.FromListsGet(snapshot.List), WorkiomListSchema.FromListsGet(live))
            .Select(c => new DriftChange(snapshot.ListId, snapshot.ListName, snapshotPath, c.Kind, SeverityOf(c.Severity), c.FieldId, c.FieldName, c.OptionId, c.Description, c.ViewId))
            .ToList();
    }

    private static DriftSeverity SeverityOf(WorkiomDriftSeverity severity) => severity switch
    {
        WorkiomDriftSeverity.Breaking => DriftSeverity.Breaking,
        WorkiomDriftSeverity.Dangerous => DriftSeverity.Dangerous,
        _ => DriftSeverity.Safe,
    };
}
