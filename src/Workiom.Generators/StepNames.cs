namespace Workiom.Generators;

/// <summary>The tracking names of the generator's steps, used by the caching tests.</summary>
internal static class StepNames
{
    public const string SnapshotFiles = nameof(SnapshotFiles);
    public const string ParsedSnapshots = nameof(ParsedSnapshots);
    public const string ListDirectory = nameof(ListDirectory);
    public const string ListNames = nameof(ListNames);
    public const string RecordModels = nameof(RecordModels);
    public const string SnapshotOutlines = nameof(SnapshotOutlines);
    public const string EnvironmentFiles = nameof(EnvironmentFiles);
    public const string EnvironmentSnapshots = nameof(EnvironmentSnapshots);
    public const string EnvironmentMatches = nameof(EnvironmentMatches);
    public const string EnvironmentTables = nameof(EnvironmentTables);
}
