using Workiom.Generators.Model;

namespace Workiom.Generators.Diagnostics;

/// <summary>
/// Turns an exception the generator did not expect into one diagnostic at the snapshot it was working
/// on, so that a defect met on one list costs that list only, never the whole build's generated code.
/// </summary>
internal static class GeneratorFailures
{
    /// <summary>
    /// The text of an additional file; a file that cannot be read gives empty text and a failure to report at it
    /// (never an exception out of the generator). Cancellation still throws.
    /// </summary>
    public static string ReadText(Microsoft.CodeAnalysis.AdditionalText file, System.Threading.CancellationToken cancellationToken, out DiagnosticInfo? failure)
    {
        failure = null;
        try
        {
            return file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            failure = Describe(file.Path, Reading, exception);
            return string.Empty;
        }
    }

    /// <summary>The stages of the generator, as they read in "failed while {stage} this snapshot".</summary>
    public const string Reading = "reading";
    public const string Parsing = "parsing";
    public const string Naming = "naming the types of";
    public const string Modelling = "resolving the links of";
    public const string Emitting = "generating the code of";
    public const string Reporting = "reporting a diagnostic about";

    /// <summary>The longest exception message kept in the diagnostic.</summary>
    private const int MaxMessageLength = 500;

    /// <summary>A <see cref="DiagnosticDescriptors.GeneratorFailure"/> at the start of <paramref name="path"/>.</summary>
    /// <param name="path">The snapshot.</param>
    /// <param name="stage">What the generator was doing, as in "failed while {stage} this snapshot".</param>
    /// <param name="exception">The exception.</param>
    public static DiagnosticInfo Describe(string path, string stage, System.Exception exception)
    {
        string message = exception.Message ?? string.Empty;
        var builder = new System.Text.StringBuilder(System.Math.Min(message.Length, MaxMessageLength));
        foreach (char c in message)
        {
            if (builder.Length == MaxMessageLength)
            {
                builder.Append('…');
                break;
            }

            // One line: a diagnostic message is read in build logs line by line.
            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return DiagnosticInfo.At(DiagnosticDescriptors.GeneratorFailure.Id, path, null, stage, exception.GetType().FullName ?? exception.GetType().Name, builder.ToString());
    }
}
