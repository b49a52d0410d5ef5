using System.Text;

namespace Workiom.Generators.Emitting;

/// <summary>A minimal indented text writer for generated sources.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes an XML doc comment; <paramref name="lines"/> are escaped text.</summary>
    public SourceWriter Summary(params string[] lines)
    {
        Line("/// <summary>");
        foreach (var line in lines)
        {
            foreach (var part in line.Replace("\r\n", "\n").Split('\n'))
            {
                Line("/// " + part);
            }
        }

        return Line("/// </summary>");
    }

    public override string ToString() => _builder.ToString();
}
