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

    /// <summary>
    /// The property names of a <c>Lists/Get</c> reply. Every parse starts its name table with these,
    /// so that a snapshot's names cost no allocation and are the very strings the readers look up.
    /// </summary>
    private static readonly string[] KnownNames =
    {
        "result", "appId", "id", "name", "description", "icon", "listType", "isVisible", "visibility", "roleIds",
        "lastSyncDate", "creationTime", "lastModificationTime", "defaultView", "listId", "isDefault", "viewType",
        "fields", "dataType", "summaryType", "staticListValues", "isPrimary", "isRequired", "isMainPicture", "format",
        "order", "allowMultiple", "linkedAppId", "linkedListId", "linkedFieldId", "linkedViewId", "dateType",
        "rollupFieldId", "rollupSummaryType", "isComputed", "expression", "defaultValue", "systemFieldType", "filters",
        "customFileExtensions", "isDeleted", "deleterUserId", "deletionTime", "lastModifierUserId", "creatorUserId",
        "label", "color", "isClosed", "isSystemField", "views", "groupingSorting", "state", "accessibility",
        "recordLayoutId", "conditionalColorFilters", "viewId", "fieldId", "operator", "value", "value2", "targetUrl",
        "success", "error", "unAuthorizedRequest", "__abp", "$csharp", "$snapshot", "names", "namespace", "typeName",
    };

    /// <summary>Slots of a parse's name table: a power of two, at most three quarters of them ever filled.</summary>
    private const int NameTableSize = 256;

    private static readonly string?[] SeededNameTable = CreateSeededNameTable();

    private readonly string _text;
    private int _position;

    // Properties and items of the objects and arrays still open, each copied into an array of the
    // exact size when its container closes.
    private JsonProperty[] _propertyStack = new JsonProperty[64];
    private int _propertyCount;
    private JsonNode[] _itemStack = new JsonNode[64];
    private int _itemCount;

    // Property names repeat in every field: each distinct name is cut out of the text once.
    private string?[]? _names;
    private int _nameCount;

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
                string? value = ParseString();
                return new JsonString(start, _position, _text, value);
            case 't':
                ExpectLiteral("true");
                return new JsonBoolean(_position - 4, _position, true);
            case 'f':
                ExpectLiteral("false");
                return new JsonBoolean(_position - 5, _position, false);
            case 'n':
                ExpectLiteral("null");
                return new JsonNull(_position - 4, _position);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonSyntaxError($"Unexpected character '{Printable(c)}' where a JSON value was expected.", _position);
        }
    }

    private void ExpectLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxError($"Unexpected text where '{literal}' or another JSON value was expected.", _position);
        }

        _position += literal.Length;
    }

    private JsonObject ParseObject(int depth)
    {
        CheckDepth(depth);
        int start = _position;
        _position++; // {
        int first = _propertyCount;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonObject(start, _position, System.Array.Empty<JsonProperty>());
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonSyntaxError("Expected a property name in double quotes.", _position);
            }

            int nameStart = _position;
            string name = ParseString() ?? Intern(nameStart + 1, _position - nameStart - 2);
            int nameEnd = _position;
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw new JsonSyntaxError($"Expected ':' after the property name \"{name}\".", _position);
            }

            _position++;
            SkipWhitespace();
            var value = ParseValue(depth);
            if (_propertyCount == _propertyStack.Length)
            {
                System.Array.Resize(ref _propertyStack, _propertyCount * 2);
            }

            _propertyStack[_propertyCount++] = new JsonProperty(name, nameStart, nameEnd, value);
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
                var properties = new JsonProperty[_propertyCount - first];
                System.Array.Copy(_propertyStack, first, properties, 0, properties.Length);
                _propertyCount = first;
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
        int first = _itemCount;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonArray(start, _position, System.Array.Empty<JsonNode>());
        }

        while (true)
        {
            SkipWhitespace();
            var item = ParseValue(depth);
            if (_itemCount == _itemStack.Length)
            {
                System.Array.Resize(ref _itemStack, _itemCount * 2);
            }

            _itemStack[_itemCount++] = item;
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
                var items = new JsonNode[_itemCount - first];
                System.Array.Copy(_itemStack, first, items, 0, items.Length);
                _itemCount = first;
                return new JsonArray(start, _position, items);
            }

            throw new JsonSyntaxError(_position >= _text.Length
                ? "The JSON ends inside an array: expected ',' or ']'."
                : "Expected ',' or ']' after an array item.", _position);
        }
    }

    /// <summary>
    /// Reads the string at the current position (its opening quote) and moves past its closing quote.
    /// Returns the decoded text when the string has escapes, else null: the text between the quotes is the value.
    /// </summary>
    private string? ParseString()
    {
        string text = _text;
        int start = _position;
        int position = start + 1; // past the opening quote
        while (position < text.Length)
        {
            char c = text[position];
            if (c == '"')
            {
                _position = position + 1;
                return null;
            }

            if (c < ' ' || c == '\\')
            {
                break;
            }

            position++;
        }

        _position = position;
        return ParseEscapedString(start);
    }

    /// <summary>The rest of a string from <see cref="_position"/>, where the plain run that began it ends.</summary>
    private string ParseEscapedString(int start)
    {
        StringBuilder? builder = null;
        int runStart = start + 1;
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
                        || !(TryReadHex4(_position + 1, out int code)
                            || int.TryParse(_text.Substring(_position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code)))
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

        return new JsonNumber(start, _position, _text);
    }

    /// <summary>Four hex digits at <paramref name="at"/>; anything else is left to <c>int.TryParse</c>.</summary>
    private bool TryReadHex4(int at, out int code)
    {
        code = 0;
        for (int i = at; i < at + 4; i++)
        {
            char c = _text[i];
            int digit = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : -1;
            if (digit < 0)
            {
                return false;
            }

            code = (code << 4) | digit;
        }

        return true;
    }

    /// <summary>The property name at <paramref name="start"/> (without quotes or escapes), the same string each time it recurs.</summary>
    private string Intern(int start, int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }

        string text = _text;
        uint hash = 2166136261;
        for (int i = start; i < start + length; i++)
        {
            hash = (hash ^ text[i]) * 16777619;
        }

        if (_names is null)
        {
            _names = (string?[])SeededNameTable.Clone();
            _nameCount = KnownNames.Length;
        }

        const int mask = NameTableSize - 1;
        int slot = (int)(hash & mask);
        while (true)
        {
            string? entry = _names[slot];
            if (entry is null)
            {
                string name = text.Substring(start, length);
                if (_nameCount < NameTableSize / 4 * 3)
                {
                    _names[slot] = name;
                    _nameCount++;
                }

                return name;
            }

            if (entry.Length == length && string.CompareOrdinal(entry, 0, text, start, length) == 0)
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }
    }

    private static string?[] CreateSeededNameTable()
    {
        var table = new string?[NameTableSize];
        foreach (string name in KnownNames)
        {
            uint hash = 2166136261;
            foreach (char c in name)
            {
                hash = (hash ^ c) * 16777619;
            }

            int slot = (int)(hash & (NameTableSize - 1));
            while (table[slot] is not null)
            {
                slot = (slot + 1) & (NameTableSize - 1);
            }

            table[slot] = name;
        }

        return table;
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
