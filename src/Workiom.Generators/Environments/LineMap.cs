using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Model;

namespace Workiom.Generators.Environments;

/// <summary>
/// Where each line of a file starts, found in one pass, so that many names of one snapshot are located
/// without counting lines from the start for each. Line breaks are counted as <see cref="SourceText"/> counts them.
/// </summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = new() { 0 };

    public LineMap(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public SnapshotSpan Locate(TextSpan span)
    {
        int startLine = LineOf(span.Start);
        int endLine = LineOf(span.End);
        return new SnapshotSpan(span.Start, span.Length, startLine, span.Start - _lineStarts[startLine], endLine, span.End - _lineStarts[endLine]);
    }

    private int LineOf(int position)
    {
        int index = _lineStarts.BinarySearch(position);
        return index >= 0 ? index : ~index - 1;
    }
}
