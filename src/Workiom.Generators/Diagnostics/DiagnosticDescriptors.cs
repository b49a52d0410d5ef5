using Microsoft.CodeAnalysis;

namespace Workiom.Generators.Diagnostics;

/// <summary>Every diagnostic the Workiom generator and analyzers report, in one place.</summary>
internal static class DiagnosticDescriptors
{
    private const string HelpLinkBase = "https://github.com/workiom-generators/workiom-generators/blob/main/docs/diagnostics/";
    private const string SchemaCategory = "Workiom.Schema";
    private const string QueryCategory = "Workiom.Query";

    public static readonly DiagnosticDescriptor MixedAndOr = Create(
        "WKM1001",
        "A Workiom query cannot mix AND and OR",
        "This filter combines conditions with both AND and OR; Workiom applies one operator to the whole filter, so use only && (or &) or only || (or |) in one Where",
        QueryCategory,
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
