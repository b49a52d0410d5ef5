using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Model;

namespace Workiom.Generators.Diagnostics;

/// <summary>
/// Collects the diagnostics about one snapshot file as values located at its line and column. The
/// parser and the namers report here, each knowing only the character span a diagnostic is about.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly string _path;
    private readonly string _text;
    private readonly bool _discard;
    private readonly List<DiagnosticInfo> _diagnostics = new();

    /// <summary>The file as a <see cref="SourceText"/>, for line and column; made on the first diagnostic.</summary>
    private SourceText? _sourceText;

    /// <param name="path">The snapshot file.</param>
    /// <param name="text">Its text, which the spans reported index.</param>
    public DiagnosticSink(string path, string text)
        : this(path, text, discard: false)
    {
    }

    private DiagnosticSink(string path, string text, bool discard)
    {
        _path = path;
        _text = text;
        _discard = discard;
    }

    /// <summary>A sink that keeps nothing, for the checks that read a snapshot the generator already reports on.</summary>
    public static DiagnosticSink Discarding() => new(string.Empty, string.Empty, discard: true);

    /// <summary>Reports <paramref name="descriptor"/> at the characters <paramref name="start"/> to <paramref name="end"/>.</summary>
    public void Report(DiagnosticDescriptor descriptor, int start, int end, params string[] args)
    {
        if (_discard)
        {
            return;
        }

        var span = TextSpan.FromBounds(start, end < start ? start : end);
        _sourceText ??= SourceText.From(_text);
        var lines = _sourceText.Lines.GetLinePositionSpan(span);
        _diagnostics.Add(new DiagnosticInfo(
            descriptor.Id,
            _path,
            span.Start,
            span.Length,
            lines.Start.Line,
            lines.Start.Character,
            lines.End.Line,
            lines.End.Character,
            args.ToEquatableArray()));
    }

    /// <summary>Reports <paramref name="descriptor"/> at <paramref name="span"/>.</summary>
    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params string[] args) => Report(descriptor, span.Start, span.End, args);

    /// <summary>What was reported, in the order it was.</summary>
    public EquatableArray<DiagnosticInfo> ToEquatableArray() => _diagnostics.ToEquatableArray();

    /// <summary>
    /// <paramref name="span"/> with its line and column, counted as <see cref="SourceText"/> counts them but
    /// only up to the span's end, so a snapshot with no diagnostic is never indexed by line.
    /// </summary>
    public SnapshotSpan Locate(TextSpan span)
    {
        string text = _text;
        int start = span.Start;
        int end = span.End;
        int line = 0, lineStart = 0;
        int startLine = 0, startCharacter = 0;
        for (int i = 0; i < end; i++)
        {
            if (i == start)
            {
                startLine = line;
                startCharacter = i - lineStart;
            }

            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                line++;
                lineStart = i + 1;
            }
        }

        if (start == end)
        {
            startLine = line;
            startCharacter = end - lineStart;
        }

        return new SnapshotSpan(start, end - start, startLine, startCharacter, line, end - lineStart);
    }
}
