using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Workiom.Generators.Parsing;

/// <summary>
/// A strict RFC 8259 parser that keeps the position of every value. The generator ships inside
/// the compiler, where it cannot count on System.Text.Json being loadable (Visual Studio hosts
/// analyzers on .NET Framework), and JsonDocument keeps no positions, which every diagnostic needs.
/// </summary>
internal sealed class JsonParser
{
    /// <summary>Deeper documents are refused: no Workiom snapshot nests more than a few levels.</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _position;

    private JsonParser(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>; on failure returns null with the message and the offset of the problem.</summary>
    public static JsonNode? Parse(string text, out string? error, out int errorPosition)
    {
        var parser = new JsonParser(text);
        try
        {
            parser.SkipByteOrderMark();
            parser.SkipWhitespace();
            var root = parser.ParseValue(0);
            parser.SkipWhitespace();
            if (parser._position < text.Length)
            {
                throw new JsonSyntaxError("Unexpected text after the end of the JSON document.", parser._position);
            }

            error = null;
            errorPosition = 0;
            return root;
        }
        catch (JsonSyntaxError syntaxError)
        {
            error = syntaxError.Message;
            errorPosition = syntaxError.Position > text.Length ? text.Length : syntaxError.Position;
            return null;
        }
    }

    private void SkipByteOrderMark()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _position = 1;
        }
    }

    private JsonNode ParseValue(int depth)
    {
        if (_position >= _text.Length)
        {
            throw new JsonSyntaxError("The JSON ends where a value was expected.", _position);
        }

        char c = _text[_position];
        switch (c)
        {
            case '{':
                return ParseObject(depth + 1);
            case '[':
                return ParseArray(depth + 1);
            case '"':
                int start = _position;
                string value = ParseString();
                return new JsonString(start, _position, value);
            case 't':
                return ParseLiteral("true", start2 => new JsonBoolean(start2, start2 + 4, true));
            case 'f':
                return ParseLiteral("false", start2 => new JsonBoolean(start2, start2 + 5, false));
            case 'n':
                return ParseLiteral("null", start2 => new JsonNull(start2, start2 + 4));
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonSyntaxError($"Unexpected character '{Printable(c)}' where a JSON value was expected.", _position);
        }
    }

    private JsonNode ParseLiteral(string literal, System.Func<int, JsonNode> create)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxError($"Unexpected text where '{literal}' or another JSON value was expected.", _position);
        }

        var node = create(_position);
        _position += literal.Length;
        return node;
    }

    private JsonObject ParseObject(int depth)
    {
        CheckDepth(depth);
        int start = _position;
        _position++; // {
        var properties = new List<JsonProperty>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonObject(start, _position, properties);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonSyntaxError("Expected a property name in double quotes.", _position);
            }

            int nameStart = _position;
            string name = ParseString();
            int nameEnd = _position;
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw new JsonSyntaxError($"Expected ':' after the property name \"{name}\".", _position);
            }

            _position++;
            SkipWhitespace();
            var value = ParseValue(depth);
            properties.Add(new JsonProperty(name, nameStart, nameEnd, value));
            SkipWhitespace();
            char next = Peek();
            if (next == ',')
            {
                _position++;
                continue;
            }

            if (next == '}')
            {
                _position++;
                return new JsonObject(start, _position, properties);
            }

            throw new JsonSyntaxError(_position >= _text.Length
                ? "The JSON ends inside an object: expected ',' or '}'."
                : "Expected ',' or '}' after a property value.", _position);
        }
    }

    private JsonArray ParseArray(int depth)
    {
        CheckDepth(depth);
        int start = _position;
        _position++; // [
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonArray(start, _position, items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ParseValue(depth));
            SkipWhitespace();
            char next = Peek();
            if (next == ',')
            {
                _position++;
                continue;
            }

            if (next == ']')
            {
                _position++;
                return new JsonArray(start, _position, items);
            }

            throw new JsonSyntaxError(_position >= _text.Length
                ? "The JSON ends inside an array: expected ',' or ']'."
                : "Expected ',' or ']' after an array item.", _position);
        }
    }

    private string ParseString()
    {
        int start = _position;
        _position++; // opening quote
        StringBuilder? builder = null;
        int runStart = _position;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new JsonSyntaxError("The JSON ends inside a string: a closing '\"' is missing.", start);
            }

            char c = _text[_position];
            if (c == '"')
            {
                string result = builder is null
                    ? _text.Substring(runStart, _position - runStart)
                    : builder.Append(_text, runStart, _position - runStart).ToString();
                _position++;
                return result;
            }

            if (c < ' ')
            {
                throw new JsonSyntaxError("A control character must be escaped inside a JSON string.", _position);
            }

            if (c != '\\')
            {
                _position++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _position - runStart);
            _position++;
            if (_position >= _text.Length)
            {
                throw new JsonSyntaxError("The JSON ends inside an escape sequence.", _position);
            }

            char escape = _text[_position];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 >= _text.Length
                        || !int.TryParse(_text.Substring(_position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw new JsonSyntaxError("Invalid \\u escape: four hex digits are required.", _position - 1);
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new JsonSyntaxError($"Invalid escape sequence '\\{Printable(escape)}'.", _position - 1);
            }

            _position++;
            runStart = _position;
        }
    }

    private JsonNumber ParseNumber()
    {
        int start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (IsDigit(Peek()))
        {
            while (IsDigit(Peek()))
            {
                _position++;
            }
        }
        else
        {
            throw new JsonSyntaxError("Invalid number: a digit is expected.", _position);
        }

        if (Peek() == '.')
        {
            _position++;
            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxError("Invalid number: a digit is expected after '.'.", _position);
            }

            while (IsDigit(Peek()))
            {
                _position++;
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxError("Invalid number: a digit is expected in the exponent.", _position);
            }

            while (IsDigit(Peek()))
            {
                _position++;
            }
        }

        return new JsonNumber(start, _position, _text.Substring(start, _position - start));
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxError($"The JSON nests deeper than {MaxDepth} levels.", _position);
        }
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static string Printable(char c) => c < ' ' || char.IsSurrogate(c) ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

    private sealed class JsonSyntaxError : System.Exception
    {
        public JsonSyntaxError(string message, int position) : base(message) => Position = position;

        public int Position { get; }
    }
}
