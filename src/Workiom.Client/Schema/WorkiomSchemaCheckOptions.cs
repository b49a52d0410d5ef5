namespace Workiom.Schema;

/// <summary>What <c>ValidateSchemasOnStart</c> checks when the host starts, and when start-up fails.</summary>
public sealed class WorkiomSchemaCheckOptions
{
    /// <summary>
    /// The lists to check, e.g. <c>Deal.WorkiomSchema</c> or <c>WorkiomGeneratedList.Of(typeof(Deal).Assembly)</c>.
    /// Empty (the default): every list generated in the app's entry assembly.
    /// </summary>
    public IList<WorkiomListSchema> Lists { get; } = new List<WorkiomListSchema>();

    /// <summary>
    /// Fail start-up with <see cref="WorkiomSchemaDriftException"/> when a change breaks code built from the
    /// snapshots. Default false: the drift is logged as warnings and the app starts.
    /// </summary>
    public bool FailOnBreakingDrift { get; set; }

    /// <summary>
    /// Fail start-up (with the client's exception) when Workiom cannot be asked (network, authentication,
    /// a bad reply). Default false: a warning is logged and the app starts unchecked.
    /// </summary>
    public bool FailWhenUnavailable { get; set; }
}
