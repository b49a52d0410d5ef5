using System;

namespace Workiom.Generators.Parsing;

/// <summary>
/// A JSON value with the character span it came from, so that every diagnostic can point at the
/// snapshot's line and column. Lives only inside the parse step; never crosses the pipeline.
/// </summary>
internal abstract class JsonNode
{
    protected JsonNode(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }

    public abstract string KindName { get; }
}

internal sealed class JsonObject : JsonNode
{
    public JsonObject(int start, int end, JsonProperty[] properties) : base(start, end) => Properties = properties;

    /// <summary>The properties in document order.</summary>
    public JsonProperty[] Properties { get; }

    public override string KindName => "an object";

    /// <summary>The first property with this name; Workiom's keys are camelCase, but any case is accepted.</summary>
    public JsonProperty? Find(string name)
    {
        int index = IndexOf(name);
        return index < 0 ? null : Properties[index];
    }

    public JsonNode? Get(string name)
    {
        int index = IndexOf(name);
        return index < 0 ? null : Properties[index].Value;
    }

    /// <summary>
    /// For every <c>names[i]</c>, stores in <c>values[i]</c> what <see cref="Get"/> would return, in one
    /// pass over the properties: the first exact match, else the first case-insensitive one.
    /// At most 64 names.
    /// </summary>
    public void GetAll(string[] names, JsonNode?[] values)
    {
        // exact[i] says that values[i] came from an exact match, which nothing later replaces.
        ulong exact = 0;
        Array.Clear(values, 0, names.Length);
        var properties = Properties;
        for (int p = 0; p < properties.Length; p++)
        {
            string candidate = properties[p].Name;
            for (int i = 0; i < names.Length; i++)
            {
                string name = names[i];
                if (candidate.Length != name.Length)
                {
                    continue;
                }

                if ((object)candidate == name || string.Equals(candidate, name))
                {
                    if ((exact & (1UL << i)) == 0)
                    {
                        exact |= 1UL << i;
                        values[i] = properties[p].Value;
                    }

                    continue;
                }

                if (values[i] is null && string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
                {
                    values[i] = properties[p].Value;
                }
            }
        }
    }

    private int IndexOf(string name)
    {
        var properties = Properties;
        int caseInsensitive = -1;
        for (int i = 0; i < properties.Length; i++)
        {
            string candidate = properties[i].Name;
            if (candidate.Length != name.Length)
            {
                continue;
            }

            if ((object)candidate == name || string.Equals(candidate, name))
            {
                return i;
            }

            if (caseInsensitive < 0 && string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                caseInsensitive = i;
            }
        }

        return caseInsensitive;
    }
}

/// <summary>A property of an object: its name, the span of the name with its quotes, and its value.</summary>
internal readonly struct JsonProperty
{
    public JsonProperty(string name, int nameStart, int nameEnd, JsonNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameEnd = nameEnd;
        Value = value;
    }

    public string Name { get; }

    public int NameStart { get; }

    public int NameEnd { get; }

    public JsonNode Value { get; }
}

internal sealed class JsonArray : JsonNode
{
    public JsonArray(int start, int end, JsonNode[] items) : base(start, end) => Items = items;

    /// <summary>The items in document order.</summary>
    public JsonNode[] Items { get; }

    public override string KindName => "an array";
}

internal sealed class JsonString : JsonNode
{
    private readonly string _source;
    private string? _value;

    /// <summary>
    /// A string spanning <paramref name="start"/> to <paramref name="end"/> (quotes included) of
    /// <paramref name="source"/>; <paramref name="value"/> is its decoded text when it had escapes,
    /// else null: the text between the quotes is then the value, cut out only when first asked for.
    /// </summary>
    public JsonString(int start, int end, string source, string? value) : base(start, end)
    {
        _source = source;
        _value = value;
    }

    public string Value => _value ??= End - Start == 2 ? string.Empty : _source.Substring(Start + 1, End - Start - 2);

    public override string KindName => "a string";
}

internal sealed class JsonNumber : JsonNode
{
    private readonly string _source;
    private string? _text;

    public JsonNumber(int start, int end, string source) : base(start, end) => _source = source;

    /// <summary>The number exactly as written.</summary>
    public string Text => _text ??= _source.Substring(Start, End - Start);

    /// <summary>
    /// What <c>int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)</c>
    /// gives for a valid JSON number, without cutting the text out: a whole number in the range of int.
    /// </summary>
    public bool TryGetInt32(out int value)
    {
        value = 0;
        int i = Start;
        bool negative = _source[i] == '-';
        if (negative)
        {
            i++;
        }

        // JSON allows no leading zeros, so more than ten digits is out of range (and "-" alone is not a number).
        if (End - i > 10 || End == i)
        {
            return false;
        }

        long result = 0;
        for (; i < End; i++)
        {
            char c = _source[i];
            if (c < '0' || c > '9')
            {
                return false; // a fraction or an exponent
            }

            result = (result * 10) + (c - '0');
        }

        if (negative)
        {
            result = -result;
        }

        if (result < int.MinValue || result > int.MaxValue)
        {
            return false;
        }

        value = (int)result;
        return true;
    }

    public override string KindName => "a number";
}

internal sealed class JsonBoolean : JsonNode
{
    public JsonBoolean(int start, int end, bool value) : base(start, end) => Value = value;

    public bool Value { get; }

    public override string KindName => "a boolean";
}

internal sealed class JsonNull : JsonNode
{
    public JsonNull(int start, int end) : base(start, end)
    {
    }

    public override string KindName => "null";
}
