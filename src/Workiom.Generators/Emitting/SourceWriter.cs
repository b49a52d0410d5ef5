using System.Text;

namespace Workiom.Generators.Emitting;

/// <summary>
/// An indented text writer for generated sources. Lines are built from parts appended straight into
/// one buffer (<see cref="Begin"/>, <see cref="Append(string)"/>, <see cref="End"/>) so that emitting
/// does not build a temporary string per line. The buffer grows in chunks rather than being sized up
/// front: one buffer the size of a whole source would land on the large object heap.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line()
    {
        _builder.Append('\n');
        return this;
    }

    public SourceWriter Line(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>Starts a line at the current indentation; finish it with <see cref="End"/>.</summary>
    public SourceWriter Begin()
    {
        _builder.Append(' ', _indent * 4);
        return this;
    }

    public SourceWriter Append(string? text)
    {
        _builder.Append(text);
        return this;
    }

    /// <summary>
    /// Appends text escaped for an XML doc comment (see <see cref="RecordEmitter.Escape"/>); a line
    /// break in it continues the comment on a new <c>///</c> line.
    /// </summary>
    public SourceWriter AppendDoc(string text)
    {
        AppendEscaped(_builder, text, _indent * 4);
        return this;
    }

    /// <summary>
    /// Appends text escaped for an XML doc comment: markup characters as entities, carriage returns
    /// dropped, other control characters and line separators as spaces, and what XML cannot hold at all
    /// (a lone UTF-16 surrogate, U+FFFE, U+FFFF) as U+FFFD, the replacement character. A line feed is
    /// kept as is when <paramref name="docIndent"/> is negative, and otherwise continues the comment on a
    /// new <c>///</c> line indented by that many spaces.
    /// </summary>
    internal static void AppendEscaped(StringBuilder builder, string text, int docIndent)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '\r': break;
                case '\n' when docIndent >= 0:
                    builder.Append('\n').Append(' ', docIndent).Append("/// ");
                    break;
                case '\u2028' or '\u2029' or '\u0085':
                    // Line separators end a // comment in C#: the rest would become code.
                    builder.Append(' ');
                    break;
                case '\uFFFE' or '\uFFFF':
                    builder.Append('\uFFFD');
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c < ' ' && c != '\n' ? ' ' : c);
                    }

                    break;
            }
        }
    }

    /// <summary>Ends the line started with <see cref="Begin"/>.</summary>
    public SourceWriter End()
    {
        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Opens a block whose header line was built with <see cref="Begin"/> and parts.</summary>
    public SourceWriter OpenBlock()
    {
        End();
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        // No blank line before a closing brace.
        int length = _builder.Length;
        if (length >= 2 && _builder[length - 1] == '\n' && _builder[length - 2] == '\n')
        {
            _builder.Length = length - 1;
        }

        _indent--;
        Begin().Append("}").Append(suffix).End();
        return this;
    }

    /// <summary>
    /// Writes an XML doc summary; <paramref name="lines"/> are escaped text, and empty ones are left out.
    /// One line of text goes on the line of its tags.
    /// </summary>
    public SourceWriter Summary(params string[] lines)
    {
        int count = 0;
        string? only = null;
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                count++;
                only = line;
            }
        }

        if (count == 1 && only!.IndexOf('\n') < 0)
        {
            return Begin().Append("/// <summary>").Append(only).Append("</summary>").End();
        }

        Line("/// <summary>");
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.IndexOf('\n') < 0)
            {
                Begin().Append("/// ").Append(line).End();
                continue;
            }

            foreach (var part in line.Replace("\r\n", "\n").Split('\n'))
            {
                Begin().Append("/// ").Append(part).End();
            }
        }

        return Line("/// </summary>");
    }

    public override string ToString() => _builder.ToString();
}
