namespace Workiom.Generators.Model;

/// <summary>
/// One snapshot file as the pipeline first sees it: plain values only. <paramref name="ReadFailure"/> says
/// why the file could not be read (the text is then empty).
/// </summary>
internal sealed record SnapshotInput(
    string Path,
    string Text,
    string? NamespaceOverride,
    string? TypeNameOverride,
    string DefaultNamespace,
    DiagnosticInfo? ReadFailure = null);

/// <summary>
/// The namespace for snapshots that do not choose their own: <c>$(WorkiomNamespace)</c>, else
/// <c>$(RootNamespace).Lists</c>, else <c>WorkiomLists</c>. <paramref name="Rejected"/> is an unusable
/// <c>$(WorkiomNamespace)</c> and <paramref name="Problem"/> why, reported once.
/// </summary>
internal sealed record DefaultNamespace(string Value, string? Rejected, string? Problem);

/// <summary>A span of a snapshot file with its line and column, for diagnostics reported away from the parser.</summary>
internal sealed record SnapshotSpan(int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter);

/// <summary>A diagnostic as a value: the descriptor id, where in which file, and the message arguments.</summary>
internal sealed record DiagnosticInfo(
    string Id,
    string Path,
    int Start,
    int Length,
    int StartLine,
    int StartCharacter,
    int EndLine,
    int EndCharacter,
    EquatableArray<string> MessageArgs)
{
    /// <summary>A diagnostic at <paramref name="span"/> of the file <paramref name="path"/> (its start when null).</summary>
    public static DiagnosticInfo At(string id, string path, SnapshotSpan? span, params string[] args) => span is null
        ? new DiagnosticInfo(id, path, 0, 0, 0, 0, 0, 0, args.ToEquatableArray())
        : new DiagnosticInfo(id, path, span.Start, span.Length, span.StartLine, span.StartCharacter, span.EndLine, span.EndCharacter, args.ToEquatableArray());
}

/// <summary>
/// The result of parsing one snapshot: the list (null when the file is unusable), what was wrong, and
/// where the list's C# name comes from (for diagnostics about that name).
/// </summary>
internal sealed record ParseResult(string Path, ListSpec? List, EquatableArray<DiagnosticInfo> Diagnostics, SnapshotSpan? NameSpan = null);

/// <summary>A list of a snapshot, with every name already resolved to a valid C# identifier.</summary>
internal sealed record ListSpec(
    string ListId,
    string ListName,
    string? Description,
    string Namespace,
    string TypeName,
    string EntryPointName,
    string Path,
    EquatableArray<FieldSpec> Fields,
    EquatableArray<ViewSpec> Views = default,
    string? ViewsTypeName = null,
    EquatableArray<ViewSchemaSpec> SchemaViews = default,
    string? AppId = null)
{
    public string FullTypeName => "global::" + Namespace + "." + TypeName;
}

/// <summary>One saved view of a list (<c>views[]</c>), with its member name in the record's views class.</summary>
internal sealed record ViewSpec(int Id, string Name, int ViewType, bool IsDefault, string MemberName);

/// <summary>
/// One field of a list. Its <see cref="DataType"/> and <see cref="DateKind"/> are decided once, when the
/// snapshot is read; every later stage switches on them.
/// </summary>
internal sealed record FieldSpec(
    int Id,
    string Name,
    string? Description,
    DataType DataType,
    bool AllowMultiple,
    bool IsPrimary,
    bool IsRequired,
    bool IsReadOnly,
    string ReadOnlyReason,
    DateKind DateKind,
    string? LinkedListId,
    string PropertyName,
    string? OptionTypeName,
    EquatableArray<OptionSpec> Options,
    bool IsDeleted,
    bool IsComputed = false,
    int SystemFieldType = 0);

/// <summary>A saved view's id and name, as the schema table for the runtime check records it.</summary>
internal sealed record ViewSchemaSpec(int Id, string Name);

/// <summary>One option of a select or status field.</summary>
internal sealed record OptionSpec(string Id, string Label, int? Order, string? Color, bool? IsClosed, string MemberName);

/// <summary>
/// What one list's snapshot claims in the build before collisions are settled: its names, the names of
/// its members (a renamed type must not take one), and where its name comes from.
/// </summary>
internal sealed record ListReference(
    string Path,
    string ListId,
    string ListName,
    string Namespace,
    string TypeName,
    string EntryPointName,
    EquatableArray<string> MemberNames,
    SnapshotSpan? NameSpan);

/// <summary>
/// One list's names once every snapshot in the build has been seen: the type, the entry point and the
/// generated file name (null when the snapshot is not generated, because another one already is for the list).
/// </summary>
internal sealed record ResolvedList(string Path, string ListId, string Namespace, string TypeName, string EntryPointName, string? HintName)
{
    public string FullTypeName => "global::" + Namespace + "." + TypeName;
}

/// <summary>Every list of the build with its settled names, and the diagnostics about collisions.</summary>
internal sealed record ListDirectory(EquatableArray<ResolvedList> Lists, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Everything the emitter needs for one list: the list (with its settled names), the types its links
/// resolve to, and the name of the generated file.
/// </summary>
internal sealed record RecordModel(ListSpec List, EquatableArray<LinkTarget> LinkTargets, string HintName);

/// <summary>The model of one snapshot, or nothing to generate, with the failure that stopped it if any.</summary>
internal sealed record ModelResult(string Path, RecordModel? Model, DiagnosticInfo? Failure);

/// <summary>A LinkList field's target list, resolved to the generated type that represents it.</summary>
internal sealed record LinkTarget(string ListId, string FullTypeName);
