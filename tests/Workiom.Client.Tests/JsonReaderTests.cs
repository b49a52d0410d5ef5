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

    [Theory]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent", "order": 2, "color": "#ffa979", "isClosed": false }""")]
    [InlineData("""{ "ID": "8ed92143-4014-402a-8c9a-c54effa45a39", "Label": "Proposal Sent", "order": 7, "color": "#000000" }""")]
    [InlineData("""{ "label": "Proposal Sent", "id": "8ed92143-4014-402a-8c9a-c54effa45a39" }""")]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39" }""")]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": null, "color": null }""")]
    [InlineData("""{ "id": "8ed92143\u002d4014-402a-8c9a-c54effa45a39", "label": "Proposal \u0053ent" }""")]
    [InlineData("""{ "label": "Proposal Sent" }""")]
    [InlineData("\"Proposal Sent\"")]
    [InlineData("\"8ed92143-4014-402a-8c9a-c54effa45a39\"")]
    [InlineData("\"Proposal \\u0053ent\"")]
    [InlineData("""[{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent" }]""")]
    public void A_known_option_is_read_as_equal_to_the_known_instance(string json)
    {
        // Not the static member itself: a read option is written back as read, the static member in the write shape.
        var option = ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<StageOption>(ref r, 1));

        Assert.Equal(StageOption.ProposalSent, option);
        Assert.Equal(StageOption.ProposalSent.Label, option!.Label);
    }

    [Theory]
    [InlineData("\"1534331844077\"")]
    [InlineData("""{ "id": 1534331844077, "label": "Cold Call" }""")]
    [InlineData("""{ "id": "1534331844077", "label": "Cold Call" }""")]
    [InlineData("""{ "id": 1534331844077 }""")]
    public void A_known_option_with_a_numeric_id_is_read_from_a_number_or_a_string(string json)
    {
        var option = ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<SourceOption>(ref r, 1));

        Assert.Equal(SourceOption.ColdCall, option);
        Assert.Equal(SourceOption.ColdCall.Label, option!.Label);
    }

    [Fact]
    public void An_option_the_snapshot_does_not_know_keeps_what_the_server_sent()
    {
        var added = ReadValue(
            """{ "id": 1534331844999, "label": "Partner", "order": 5, "color": "#ffa979", "isClosed": true }""",
            static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<SourceOption>(ref r, 1));
        var bare = ReadValue("\"Trade fair\"", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<SourceOption>(ref r, 1));

        Assert.DoesNotContain(added, SourceOption.Known);
        Assert.Equal(("1534331844999", "Partner", 5, "#ffa979", true), (added!.Id, added.Label, added.Order, added.Color, added.IsClosed));
        Assert.Equal(("Trade fair", "Trade fair", null, null, null), (bare!.Id, bare.Label, bare.Order, bare.Color, bare.IsClosed));
    }

    [Theory]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal sent", "color": "#ffa979" }""", "Proposal sent", 2, "#ffa979", false)]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Offer", "order": 9, "color": "#111111", "isClosed": true }""", "Offer", 9, "#111111", true)]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "color": "#ffa979", "label": "Offer" }""", "Offer", 2, "#ffa979", false)]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": 12 }""", "12", 2, "#ffa979", false)]
    [InlineData("""{ "id": "a2830957-96e5-4709-aca0-df06fa3aafc3", "label": "Proposal Sent", "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Won" }""", "Won", 2, "#ffa979", false)]
    public void A_relabelled_option_keeps_its_id_and_the_servers_label(string json, string label, int order, string color, bool isClosed)
    {
        var option = ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<StageOption>(ref r, 1));

        Assert.Equal(StageOption.ProposalSent, option); // the same id: equal, but not the known instance
        Assert.NotSame(StageOption.ProposalSent, option);
        Assert.Equal((StageOption.ProposalSent.Id, label, order, color, isClosed), (option!.Id, option.Label, option.Order, option.Color, option.IsClosed));
    }

    [Fact]
    public void Options_are_read_as_known_instances_or_kept_as_sent()
    {
        var options = ReadValue(
            """[ { "id": "c1818389-a77d-468f-92e5-7f47fff6f3b8", "label": "Won" }, null, { "id": "x1", "label": "Paused" }, "Qualified", { "order": 1 } ]""",
            static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOptions<StageOption>(ref r, 1));

        Assert.Equal(3, options.Count);
        Assert.Equal(StageOption.Won, options[0]);
        Assert.Equal(("x1", "Paused"), (options[1].Id, options[1].Label));
        Assert.Equal(StageOption.Qualified, options[2]);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("""{ "id": true }""")]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "order": "first" }""")]
    [InlineData("""[ "Won", "Qualified" ]""")]
    public void An_option_of_the_wrong_shape_is_a_payload_exception(string json)
    {
        Assert.Throws<WorkiomPayloadException>(
            () => ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<StageOption>(ref r, 1)));
    }

    [Theory]
    [InlineData("109725", 109725L)]
    [InlineData("\"109725\"", 109725L)]
    [InlineData("\"+42\"", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("\"007\"", 7L)]
    [InlineData("\" 12 \"", 12L)]
    [InlineData("\"1\\u0032\"", 12L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("""{ "id": 109725 }""", 109725L)]
    [InlineData("""{ "fullname": "Fadi", "Id": "109725" }""", 109725L)]
    [InlineData("""{ "id": "abc", "id": "12" }""", 12L)]
    [InlineData("""{ "id": "12", "id": " 13" }""", 13L)]
    [InlineData("""[{ "id": "12" }]""", 12L)]
    public void A_user_id_is_read_from_a_string_or_a_number(string json, long id)
    {
        var user = ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUser(ref r, 1));

        Assert.Equal(id, user!.Id);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("""{ "id": "" }""")]
    [InlineData("""{ "id": null, "fullname": "Nobody" }""")]
    [InlineData("""{ "id": "12", "id": null }""")]
    [InlineData("""{ "fullname": "Nobody" }""")]
    public void A_user_without_an_id_is_no_user(string json)
    {
        Assert.Null(ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUser(ref r, 1)));
    }

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("12.5", "12.5")]
    [InlineData("1e3", "1e3")]
    [InlineData("9223372036854775808", "9223372036854775808")]
    [InlineData("""{ "id": "12", "id": "x12" }""", "x12")]
    [InlineData("""{ "id": "12x", "fullname": "Fadi" }""", "12x")]
    public void A_user_id_that_is_not_a_number_is_a_payload_exception_naming_the_field(string json, string shown)
    {
        var error = Assert.Throws<WorkiomPayloadException>(
            () => ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUser(ref r, 2014509)));

        Assert.Equal($"Field 2014509: user id '{shown}' is not a number.", error.Message);
    }

    [Theory]
    [InlineData("12", 12L)]
    [InlineData("-3", -3L)]
    [InlineData("-0", 0L)]
    [InlineData("12.0", 12L)]
    [InlineData("1.2e1", 12L)]
    [InlineData("\"12\"", 12L)]
    [InlineData("[12]", 12L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("null", null)]
    [InlineData("\"\"", null)]
    public void A_whole_number_is_read_from_a_number_or_a_string(string json, long? expected)
    {
        Assert.Equal(expected, ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadInt64(ref r, 1)));
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("9223372036854775808")]
    [InlineData("1e30")]
    [InlineData("true")]
    public void A_number_that_is_not_whole_is_a_payload_exception_naming_the_field(string json)
    {
        var error = Assert.Throws<WorkiomPayloadException>(
            () => ReadValue(json, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadInt64(ref r, 2014523)));

        Assert.StartsWith("Field 2014523:", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A select field whose options include one with a numeric id, as older Workiom lists have.</summary>
    private sealed class SourceOption : SelectOption, ISelectOption<SourceOption>
    {
        private SourceOption(string id, string label, int? order, string? color, bool? isClosed)
            : base(id, label, order, color, isClosed)
        {
        }

        public static SourceOption Website { get; } = new("fcfb04c4-d71d-4770-b370-d13bc472bad0", "Website", 0, null, null);

        public static SourceOption ColdCall { get; } = new("1534331844077", "Cold Call", 2, null, null);

        public static IReadOnlyList<SourceOption> Known { get; } = new[] { Website, ColdCall };

        public static SourceOption Create(string id, string label, int? order, string? color, bool? isClosed) =>
            new(id, label, order, color, isClosed);
    }
}
