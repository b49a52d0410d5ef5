namespace Workiom.Generators.Model;

/// <summary>One snapshot file as the pipeline first sees it: plain values only.</summary>
internal sealed record SnapshotInput(
    string Path,
    string Text,
    string? NamespaceOverride,
    string? TypeNameOverride,
    string DefaultNamespace);

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
    EquatableArray<string> MessageArgs);

/// <summary>The result of parsing one snapshot: the list (null when the file is unusable) and what was wrong.</summary>
internal sealed record ParseResult(string Path, ListSpec? List, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A list of a snapshot, with every name already resolved to a valid C# identifier.</summary>
internal sealed record ListSpec(
    string ListId,
    string ListName,
    string? Description,
    string Namespace,
    string TypeName,
    string EntryPointName,
    string Path,
    EquatableArray<FieldSpec> Fields)
{
    public string FullTypeName => "global::" + Namespace + "." + TypeName;
}

/// <summary>One field of a list.</summary>
internal sealed record FieldSpec(
    int Id,
    string Name,
    string? Description,
    int DataType,
    bool AllowMultiple,
    bool IsPrimary,
    bool IsRequired,
    bool IsReadOnly,
    string ReadOnlyReason,
    int DateType,
    string? LinkedListId,
    string PropertyName,
    string? OptionTypeName,
    EquatableArray<OptionSpec> Options,
    bool IsDeleted);

/// <summary>One option of a select or status field.</summary>
internal sealed record OptionSpec(string Id, string Label, int? Order, string? Color, bool? IsClosed, string MemberName);

/// <summary>What another list's snapshot contributes to this build: the type a link to it resolves to.</summary>
internal sealed record ListReference(string ListId, string FullTypeName, string Path);

/// <summary>Everything the emitter needs for one list: the list and the types its links resolve to.</summary>
internal sealed record RecordModel(ListSpec List, EquatableArray<LinkTarget> LinkTargets, DiagnosticInfo? Duplicate);

/// <summary>A LinkList field's target list, resolved to the generated type that represents it.</summary>
internal sealed record LinkTarget(string ListId, string FullTypeName);
