using System.Globalization;
using System.Text.Json.Nodes;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Records;

/// <summary>
/// Evaluates the arithmetic formulas computed fields carry (<c>{Amount} * {Probability} / 100</c>):
/// field references by name, numbers, + - * / and parentheses. Anything else, or an empty operand,
/// gives null, as the service shows an uncomputable formula as empty.
/// </summary>
internal static class ComputedValue
{
    public static JsonNode? Evaluate(FieldSchema field, ListSchema list, JsonObject stored)
    {
        var expression = field.Expression;
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var parser = new Parser(expression, name =>
        {
            var referenced = list.Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
            return referenced is null ? null : JsonRead.Decimal(JsonRead.Get(stored, referenced.Key));
        });
        try
        {
            var value = parser.ParseExpression();
            return parser.AtEnd && value is decimal d ? FieldValues.Number(decimal.Round(d, 10)) : null;
        }
        catch (DivideByZeroException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private sealed class Parser(string text, Func<string, decimal?> resolve)
    {
        private int _position;

        public bool AtEnd
        {
            get
            {
                SkipSpaces();
                return _position >= text.Length;
            }
        }

        public decimal? ParseExpression()
        {
            var left = ParseTerm();
            while (true)
            {
                SkipSpaces();
                if (_position >= text.Length || text[_position] is not ('+' or '-'))
                {
                    return left;
                }

                var op = text[_position++];
                var right = ParseTerm();
                left = left is null || right is null ? null : op == '+' ? left + right : left - right;
            }
        }

        private decimal? ParseTerm()
        {
            var left = ParseFactor();
            while (true)
            {
                SkipSpaces();
                if (_position >= text.Length || text[_position] is not ('*' or '/'))
                {
                    return left;
                }

                var op = text[_position++];
                var right = ParseFactor();
                left = left is null || right is null ? null : op == '*' ? left * right : left / right;
            }
        }

        private decimal? ParseFactor()
        {
            SkipSpaces();
            if (_position >= text.Length)
            {
                return null;
            }

            var c = text[_position];
            if (c == '(')
            {
                _position++;
                var inner = ParseExpression();
                SkipSpaces();
                if (_position < text.Length && text[_position] == ')')
                {
                    _position++;
                    return inner;
                }

                _position = text.Length + 1;
                return null;
            }

            if (c == '-')
            {
                _position++;
                return -ParseFactor();
            }

            if (c == '{')
            {
                var end = text.IndexOf('}', _position);
                if (end < 0)
                {
                    _position = text.Length + 1;
                    return null;
                }

                var name = text[(_position + 1)..end];
                _position = end + 1;
                return resolve(name);
            }

            var start = _position;
            while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
            {
                _position++;
            }

            if (start == _position)
            {
                // Functions and text operators are not understood: make the whole formula fail.
                _position = text.Length + 1;
                return null;
            }

            return decimal.TryParse(text[start.._position], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
