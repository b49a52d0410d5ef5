namespace Workiom.Schema;

/// <summary>What <c>CheckSchemasAsync</c> found: the drift of each list checked, in the order given.</summary>
public sealed class WorkiomSchemaReport
{
    /// <summary>A report.</summary>
    /// <param name="lists">The drift of each list checked.</param>
    public WorkiomSchemaReport(IReadOnlyList<WorkiomListDrift> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        Lists = lists;
    }

    /// <summary>The drift of each list checked (a list without drift has no changes).</summary>
    public IReadOnlyList<WorkiomListDrift> Lists { get; }

    /// <summary>Whether any list changed at all.</summary>
    public bool HasDrift => Lists.Any(l => l.Changes.Count > 0);

    /// <summary>Whether any change breaks code built from the snapshots.</summary>
    public bool HasBreakingDrift => Lists.Any(l => l.HasBreakingDrift);

    /// <inheritdoc/>
    public override string ToString()
    {
        int changes = Lists.Sum(l => l.Changes.Count);
        return "WorkiomSchemaReport { Lists = " + Lists.Count + ", Changes = " + changes + ", HasBreakingDrift = " + HasBreakingDrift + " }";
    }
}

/// <summary>The changes of one list since the snapshot its type was generated from.</summary>
/// <param name="ListId">The list id.</param>
/// <param name="ListName">The list name in the snapshot.</param>
/// <param name="Changes">The changes; empty when the list is as the snapshot says.</param>
public sealed record WorkiomListDrift(string ListId, string ListName, IReadOnlyList<WorkiomSchemaChange> Changes)
{
    /// <summary>Whether a change breaks code built from the snapshot.</summary>
    public bool HasBreakingDrift => Changes.Any(c => c.Severity == WorkiomDriftSeverity.Breaking);
}

/// <summary>
/// Start-up stopped because a list the app uses changed in Workiom in a way that breaks code built
/// from its snapshot (<c>ValidateSchemasOnStart</c> with <see cref="WorkiomSchemaCheckOptions.FailOnBreakingDrift"/>).
/// The message lists every breaking change; re-pull the snapshots (<c>workiom schema pull</c>) and rebuild.
/// </summary>
public sealed class WorkiomSchemaDriftException : WorkiomException
{
    /// <summary>The exception for a report with breaking drift.</summary>
    /// <param name="report">The report.</param>
    public WorkiomSchemaDriftException(WorkiomSchemaReport report)
        : base(MessageFor(report ?? throw new ArgumentNullException(nameof(report))))
    {
        Report = report;
    }

    /// <summary>The whole report (breaking and other changes).</summary>
    public WorkiomSchemaReport Report { get; }

    private static string MessageFor(WorkiomSchemaReport report)
    {
        var breaking = report.Lists
            .SelectMany(l => l.Changes.Where(c => c.Severity == WorkiomDriftSeverity.Breaking).Select(c => "list '" + l.ListName + "' (" + l.ListId + "): " + c.Description))
            .ToList();
        return "Workiom lists changed in ways that break code built from their snapshots; re-pull them (workiom schema pull) and rebuild. "
            + breaking.Count + " breaking change" + (breaking.Count == 1 ? string.Empty : "s") + ": " + string.Join("; ", breaking) + ".";
    }
}
