using Workiom.Generators.Model;

namespace Workiom.Generators.Environments;

/// <summary>
/// One file listed with an <c>Environment</c> (or a mapping file anywhere), as the pipeline first sees it.
/// <paramref name="Environment"/> is the name as written (null: listed without one, a primary file).
/// </summary>
internal sealed record EnvironmentFileInput(string Path, string? Environment, string Text, bool IsMap, DiagnosticInfo? ReadFailure);

/// <summary>
/// One environment file read: a snapshot's outline or a mapping file, for the environment
/// <paramref name="Environment"/> (normalized; null when the file is left out, the diagnostics say why).
/// </summary>
internal sealed record EnvironmentFile(
    string Path,
    string? Environment,
    SnapshotOutline? Outline,
    EnvironmentMap? Map,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>What the generator emits for one generated record of a build with environments: its id tables.</summary>
internal sealed record EnvironmentTableModel(
    string HintName,
    string Namespace,
    string TypeName,
    string ListName,
    string SnapshotFileName,
    EquatableArray<EnvironmentTable> Environments,
    EquatableArray<string> EnvironmentsWithoutMatch);

/// <summary>The matched ids of one list in one environment (unmatched members are left out).</summary>
internal sealed record EnvironmentTable(
    string Name,
    string ListId,
    string ListName,
    string? AppId,
    EquatableArray<FieldIdPair> Fields,
    EquatableArray<OptionIdPair> Options,
    EquatableArray<ViewIdPair> Views);

/// <summary>A primary field id, the field's id in the environment and its name there.</summary>
internal sealed record FieldIdPair(int Id, int EnvironmentId, string EnvironmentName);

/// <summary>A primary field id, a primary option id of it and the option's id in the environment.</summary>
internal sealed record OptionIdPair(int FieldId, string OptionId, string EnvironmentOptionId);

/// <summary>A primary view id and the view's id in the environment.</summary>
internal sealed record ViewIdPair(int ViewId, int EnvironmentViewId);

/// <summary>What matching every environment of the build gives: the tables to emit and the diagnostics.</summary>
internal sealed record EnvironmentBuild(EquatableArray<EnvironmentTableModel> Tables, EquatableArray<DiagnosticInfo> Diagnostics);
