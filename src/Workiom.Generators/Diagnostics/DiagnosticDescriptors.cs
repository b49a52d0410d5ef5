using Microsoft.CodeAnalysis;

namespace Workiom.Generators.Diagnostics;

/// <summary>Every diagnostic the Workiom generator and analyzers report, in one place.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Each id's page lives in the repository at docs/diagnostics/WKMxxxx.md.</summary>
    private const string HelpLinkBase = "https://github.com/workiom-generators/workiom-generators/blob/main/docs/diagnostics/";
    private const string SchemaCategory = "Workiom.Schema";
    private const string QueryCategory = "Workiom.Query";
    private const string StalenessCategory = "Workiom.Staleness";
    private const string EnvironmentCategory = "Workiom.Environment";

    /// <summary>The link the generated code puts on members of deleted fields (the compiler reports those).</summary>
    internal const string HelpLinkFormat = HelpLinkBase + "{0}.md";

    public static readonly DiagnosticDescriptor InvalidJson = Create(
        "WKM0001",
        "Workiom snapshot is not valid JSON",
        "The Workiom snapshot is not valid JSON: {0}",
        SchemaCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NotAListDocument = Create(
        "WKM0002",
        "File is not a Workiom list snapshot",
        "The file is not a Workiom Lists/Get snapshot: {0}",
        SchemaCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingListProperty = Create(
        "WKM0003",
        "Workiom list snapshot lacks a required property",
        "The Workiom list snapshot has no usable '{0}': {1}",
        SchemaCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateFieldId = Create(
        "WKM0004",
        "Field id appears twice in a Workiom list",
        "Field id {0} appears more than once in list '{1}'; only the first one ('{2}') is generated",
        SchemaCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor FieldIdNotNumber = Create(
        "WKM0005",
        "Workiom field id is not a number",
        "Field '{0}' has the id {1}, which is not a whole number; the field is skipped",
        SchemaCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownDataType = Create(
        "WKM0006",
        "Workiom field has an unknown data type",
        "Field '{0}' ({1}) has dataType {2}, which this generator does not know; its property keeps the raw JSON",
        SchemaCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor IdentifierRenamed = Create(
        "WKM0007",
        "Workiom name was changed to make a valid C# identifier",
        "'{0}' ({1}) is generated as '{2}': {3}",
        SchemaCategory,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor InvalidNameOverride = Create(
        "WKM0008",
        "C# name override is not usable",
        "The C# name '{0}' given for {1} is not usable: {2}; '{3}' is used instead",
        SchemaCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MalformedField = Create(
        "WKM0009",
        "Workiom field cannot be read",
        "A field of list '{0}' cannot be read: {1}; the field is skipped",
        SchemaCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateType = Create(
        "WKM0010",
        "Two Workiom snapshots describe the same list",
        "This snapshot generates '{0}', which '{1}' already generates{2}; this snapshot is skipped",
        SchemaCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NameCollision = Create(
        "WKM0011",
        "Two Workiom lists would generate colliding names",
        "The C# names of list '{0}' ({1}) collide with another snapshot's: {2}",
        SchemaCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MalformedView = Create(
        "WKM0013",
        "Workiom saved view cannot be read",
        "A saved view of list '{0}' cannot be read: {1}; the view is skipped",
        SchemaCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "WKM0012",
        "The Workiom generator failed on a snapshot",
        "The Workiom generator failed while {0} this snapshot, which is skipped; the other snapshots still generate: {1}: {2}",
        SchemaCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor EnvironmentMemberUnmatched = Create(
        "WKM0014",
        "A Workiom list, field, option or view has no match in an environment",
        "{0} has no match in environment '{1}': {2}; code that uses it fails there, so add the match to that environment's workiom-map.json ('workiom schema map --env {1}')",
        EnvironmentCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EnvironmentMemberMappedToNull = Create(
        "WKM0015",
        "A Workiom list, field, option or view has no match in an environment, as its mapping file says",
        "{0} has no match in environment '{1}', as its workiom-map.json says; code that uses it fails there",
        EnvironmentCategory,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor EnvironmentListWithoutPrimary = Create(
        "WKM0016",
        "An environment's Workiom snapshot has no primary counterpart",
        "List '{0}' ({1}) of environment '{2}' matches no primary snapshot; it generates nothing, so pull the list into the primary snapshots or remove this file",
        EnvironmentCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidEnvironmentName = Create(
        "WKM0017",
        "Workiom environment name is not usable",
        "The environment name '{0}' is not usable: {1}; this file is left out of the build's environments",
        EnvironmentCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MalformedEnvironmentMap = Create(
        "WKM0018",
        "Workiom mapping file entry cannot be read",
        "This entry of the mapping file cannot be read: {0}; it is ignored",
        EnvironmentCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnknownEnvironmentMapEntry = Create(
        "WKM0019",
        "Workiom mapping file names an id no snapshot has",
        "The mapping file of environment '{0}' names {1}, which {2}; the entry is ignored",
        EnvironmentCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateEnvironmentSnapshot = Create(
        "WKM0020",
        "Two Workiom snapshots of one environment describe the same list",
        "List '{0}' ({1}) already has the snapshot '{2}' in environment '{3}'; this snapshot is skipped",
        EnvironmentCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WebhookNameCollision = Create(
        "WKM0021",
        "Two Workiom fields have the same name in webhook payloads",
        "Fields '{0}' ({1}) and '{2}' ({3}) of list '{4}' have the same name once white space is removed and case is ignored, which is how webhook payloads may key them; a webhook value the reader cannot tell apart is not guessed but kept in UnknownFields and reported",
        SchemaCategory,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor MixedAndOr = Create(
        "WKM1001",
        "A Workiom query cannot mix AND and OR",
        "This filter combines conditions with both AND and OR; Workiom applies one operator to the whole filter, so use only && (or &) or only || (or |) in one Where",
        QueryCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SnapshotTooOld = Create(
        "WKM2001",
        "Workiom snapshot is older than the allowed age",
        "The snapshot of list '{0}' was pulled {1} days ago, more than WorkiomSchemaMaxAgeDays ({2}); run 'workiom schema pull' to refresh it",
        StalenessCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SnapshotHashMismatch = Create(
        "WKM2002",
        "Workiom snapshot was edited after it was pulled",
        "The content of the snapshot of list '{0}' no longer matches the hash in its $snapshot header ({1}); it was edited by hand, so re-pull it or restore it",
        StalenessCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SnapshotFromOlderVersion = Create(
        "WKM2003",
        "Workiom snapshot was written by an older tool or format",
        "The snapshot of list '{0}' was written {1}, older than this generator's {2}; re-pull it with 'workiom schema pull'",
        StalenessCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DeletedFieldUsed = Create(
        "WKM2004",
        "A field deleted in Workiom is used",
        "Field '{0}' ({1}) is marked deleted in the snapshot; a value Workiom still sends for it is kept and written back as read",
        StalenessCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LinkTargetMissing = Create(
        "WKM2005",
        "Workiom link target list has no snapshot in the build",
        "Field '{0}' ({1}) links to list {2}, which has no snapshot in this build; it is generated as an untyped LinkList",
        StalenessCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LiveDrift = Create(
        "WKM2006",
        "A Workiom field, option or view used here changed on the server",
        "{0} changed on the server: {1}",
        StalenessCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SnapshotWithoutSystemFields = Create(
        "WKM2007",
        "Workiom snapshot was pulled without system fields, views or filters",
        "The snapshot of list '{0}' was pulled without {1}; values of fields it does not know are sent back unchanged by a full replace, so re-pull it with 'workiom schema pull --list {2}'",
        StalenessCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EnvironmentMemberUsed = Create(
        "WKM2008",
        "A Workiom field, option or view used here has no match in an environment",
        "{0} has no match in environment '{1}'; reading, writing or querying it with that environment throws WorkiomEnvironmentException",
        EnvironmentCategory,
        DiagnosticSeverity.Warning);

    private static readonly DiagnosticDescriptor[] SchemaDescriptors =
    {
        InvalidJson, NotAListDocument, MissingListProperty, DuplicateFieldId, FieldIdNotNumber,
        UnknownDataType, IdentifierRenamed, InvalidNameOverride, MalformedField, DuplicateType, NameCollision,
        GeneratorFailure, MalformedView, EnvironmentMemberUnmatched, EnvironmentMemberMappedToNull,
        EnvironmentListWithoutPrimary, InvalidEnvironmentName, MalformedEnvironmentMap, UnknownEnvironmentMapEntry,
        DuplicateEnvironmentSnapshot, WebhookNameCollision,
    };

    /// <summary>
    /// The descriptor with this id (diagnostics cross the pipeline as ids, not descriptors), or
    /// <see cref="GeneratorFailure"/> for an id the generator does not report: never an exception.
    /// </summary>
    public static DiagnosticDescriptor ById(string id) => TryGet(id) ?? GeneratorFailure;

    /// <summary>The generator's descriptor with this id, or null.</summary>
    public static DiagnosticDescriptor? TryGet(string? id)
    {
        foreach (var descriptor in SchemaDescriptors)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        return null;
    }

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
