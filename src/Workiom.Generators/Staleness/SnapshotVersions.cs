namespace Workiom.Staleness;

/// <summary>The snapshot format and tool version this generator and the workiom tool write and expect.</summary>
internal static class SnapshotVersions
{
    /// <summary>The <c>$snapshot.format</c> written by this version; raised when the file layout changes.</summary>
    public const int Format = 1;

    /// <summary>The tool version; the generator and the workiom tool are released together.</summary>
    public const string ToolVersion = "0.1.0";

    /// <summary>The <c>$snapshot.tool</c> value: name and version.</summary>
    public const string Tool = "workiom/" + ToolVersion;

    /// <summary>
    /// The <c>expand</c> values a pull asks <c>Lists/Get</c> for (the key repeated, once per value), in
    /// this order; the <c>$snapshot.request</c> header records them.
    /// </summary>
    public static readonly string[] PullExpand = { "Fields", "Views", "Filters" };

    /// <summary>The drift report's <c>format</c>.</summary>
    public const int ReportFormat = 1;
}
