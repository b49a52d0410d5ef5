using System.Collections.Generic;

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
    public JsonObject(int start, int end, List<JsonProperty> properties) : base(start, end) => Properties = properties;

    public List<JsonProperty> Properties { get; }

    public override string KindName => "an object";

    /// <summary>The first property with this name; Workiom's keys are camelCase, but any case is accepted.</summary>
    public JsonProperty? Find(string name)
    {
        JsonProperty? caseInsensitive = null;
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }

            if (caseInsensitive is null && string.Equals(property.Name, name, System.StringComparison.OrdinalIgnoreCase))
            {
                caseInsensitive = property;
            }
        }

        return caseInsensitive;
    }

    public JsonNode? Get(string name) => Find(name)?.Value;
}

internal sealed class JsonProperty
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
    public JsonArray(int start, int end, List<JsonNode> items) : base(start, end) => Items = items;

    public List<JsonNode> Items { get; }

    public override string KindName => "an array";
}

internal sealed class JsonString : JsonNode
{
    public JsonString(int start, int end, string value) : base(start, end) => Value = value;

    public string Value { get; }

    public override string KindName => "a string";
}

internal sealed class JsonNumber : JsonNode
{
    public JsonNumber(int start, int end, string text) : base(start, end) => Text = text;

    /// <summary>The number exactly as written.</summary>
    public string Text { get; }

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
