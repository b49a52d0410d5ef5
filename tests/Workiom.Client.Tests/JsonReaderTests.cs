using System.Text;
using System.Text.Json;
using Workiom.Client.Tests.TestRecords;
using Workiom.Serialization;

namespace Workiom.Client.Tests;

/// <summary>The tolerant value readers the generated records call, value by value.</summary>
public class JsonReaderTests
{
    private delegate T Read<T>(ref Utf8JsonReader reader);

    /// <summary>Runs <paramref name="read"/> on the value of <c>{"v": json}</c> and checks where it leaves the reader.</summary>
    private static T ReadValue<T>(string json, Read<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("{\"v\":" + json + ",\"after\":1}"));
        reader.Read();
        reader.Read();
        reader.Read();
        var value = read(ref reader);

        // Each reader leaves the reader on the value's last token.
        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.PropertyName, reader.TokenType);
        Assert.True(reader.ValueTextEquals("after"u8));
        return value;
    }

    [Fact]
    public void Nested_property_names_match_in_any_case_and_escaped()
    {
        var user = ReadValue(
            """{ "ID": "7", "FullName": "Ann", "e\u006DailAddress": "ann@example.com", "USERTYPE": 2, "isactive": true, "unknown": { "id": 8 } }""",
            static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUser(ref r, 1));

        Assert.Equal(new WorkiomUser(7, "Ann", "ann@example.com") { UserType = 2, IsActive = true }, user);
    }

    [Fact]
    public void A_non_ascii_property_name_is_unknown_and_skipped()
    {
        var file = ReadValue(
            """{ "_id": "f1", "fileNäme": "x.pdf", "fileName": "a.pdf", "Size": 3 }""",
            static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, 1));

        Assert.Equal(("f1", "a.pdf", 3L), (Assert.Single(file).Id, file[0].FileName, file[0].Size!.Value));
    }

    [Theory]
    [InlineData("null", new string[0])]
    [InlineData("[]", new string[0])]
    [InlineData("""{ "_id": "c1", "label": "Acme" }""", new[] { "c1" })]
    [InlineData("\"c1\"", new[] { "c1" })]
    [InlineData("12", new[] { "12" })]
    [InlineData("""[ { "_id": "c1" }, null, "c2", { "id": "c3", "_id": "c4" }, { "_id": "c5", "id": "c6" }, { "label": "no id" } ]""", new[] { "c1", "c2", "c4", "c5" })]
    public void Links_are_read_into_the_link_list(string json, string[] ids)
    {
        var links = ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadLinks<LinkList<Deal>>(ref r, 1));

        Assert.Equal(ids, links.Ids);
    }

    [Fact]
    public void A_link_keeps_its_label_and_an_object_label_as_its_json()
    {
        var links = ReadValue(
            """[ { "_id": "c1", "Label": "Acme" }, { "_id": "c2", "label": { "en": "Globex" } } ]""",
            static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadLinks<LinkList>(ref r, 1));

        Assert.Equal(new[] { new WorkiomLink("c1", "Acme"), new WorkiomLink("c2", """{ "en": "Globex" }""") }, links);
    }

    [Fact]
    public void A_link_of_the_wrong_shape_is_a_payload_exception_naming_the_field()
    {
        var error = Assert.Throws<WorkiomPayloadException>(
            () => ReadValue("[true]", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadLinks<LinkList>(ref r, 42)));

        Assert.StartsWith("Field 42:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(40)]
    public void Arrays_of_any_length_keep_every_item_in_order(int count)
    {
        var labels = Enumerable.Range(0, count).Select(i => "item " + i).ToArray();
        var json = "[" + string.Join(",", labels.Select((label, i) => i % 3 == 1
            ? $$"""null, { "label": "{{label}}", "check": true }"""
            : $$"""{ "label": "{{label}}" }""")) + "]";

        var items = ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadCheckList(ref r, 1));

        Assert.Equal(labels, items.Select(item => item.Label));
        Assert.Equal(labels.Select((_, i) => i % 3 == 1), items.Select(item => item.Checked));
    }

    [Fact]
    public void A_single_value_where_an_array_is_expected_is_a_list_of_one()
    {
        var users = ReadValue("""{ "id": 5 }""", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUsers(ref r, 1));
        var none = ReadValue("null", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUsers(ref r, 1));
        var nullItem = ReadValue("""{ "id": "" }""", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUsers(ref r, 1));

        Assert.Equal(5, Assert.Single(users).Id);
        Assert.Empty(none);
        Assert.Empty(nullItem);
    }
}
