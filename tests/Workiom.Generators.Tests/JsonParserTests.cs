using System.Globalization;
using Workiom.Generators.Parsing;
using Xunit;

namespace Workiom.Generators.Tests;

public class JsonParserTests
{
    private static JsonNode Parse(string text) =>
        JsonParser.Parse(text, out string? error, out _) ?? throw new InvalidOperationException(error);

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("-2147483648")]
    [InlineData("-2147483649")]
    [InlineData("9999999999")]
    [InlineData("12345678901")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("-1E-2")]
    [InlineData("0.5")]
    public void A_number_reads_as_a_whole_number_exactly_when_int_TryParse_reads_its_text(string number)
    {
        var node = (JsonNumber)((JsonArray)Parse("[ " + number + " ]")).Items[0];
        bool expected = int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int expectedValue);

        Assert.Equal(expected, node.TryGetInt32(out int value));
        Assert.Equal(expectedValue, value);
        Assert.Equal(number, node.Text);
    }

    [Fact]
    public void Strings_and_names_read_the_same_with_or_without_escapes()
    {
        var root = (JsonObject)Parse("{\"name\":\"a\\u00e9\\n\",\"na\\u006de\":\"\",\"plain\":\"x y\",\"name\":1}");

        Assert.Equal(new[] { "name", "name", "plain", "name" }, root.Properties.Select(p => p.Name));
        Assert.Equal("a\u00e9\n", ((JsonString)root.Properties[0].Value).Value);
        Assert.Equal(string.Empty, ((JsonString)root.Properties[1].Value).Value);
        Assert.Equal("x y", ((JsonString)root.Properties[2].Value).Value);
        Assert.Equal(6, root.Properties[0].NameEnd - root.Properties[0].NameStart);
        Assert.Equal(11, root.Properties[1].NameEnd - root.Properties[1].NameStart);
    }

    [Fact]
    public void GetAll_finds_what_Get_finds_for_every_name()
    {
        var root = (JsonObject)Parse("{\"Name\":1,\"id\":2,\"name\":3,\"NAME\":4,\"ID\":5,\"other\":6,\"Id\":7}");
        string[] names = { "name", "id", "ID", "Other", "missing", "nAmE" };
        var values = new JsonNode?[names.Length];

        root.GetAll(names, values);

        for (int i = 0; i < names.Length; i++)
        {
            Assert.Same(root.Get(names[i]), values[i]);
        }

        Assert.Equal("3", ((JsonNumber)values[0]!).Text);
        Assert.Equal("1", ((JsonNumber)values[5]!).Text);
    }
}
