using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Client.Tests.TestRecords;
using Workiom.Serialization;

namespace Workiom.Client.Tests;

/// <summary>
/// A value read from Workiom and not changed is written back JSON-equivalent to what was read:
/// every key, its spelling and value kind, unknown keys included. Only values the user made use the
/// write shapes; a read value changed with <c>with</c> keeps its read keys with the changed ones replaced.
/// </summary>
public class WriteBackAsReadTests
{
    private delegate T Read<T>(ref Utf8JsonReader reader);

    private static T ReadValue<T>(string json, Read<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return read(ref reader);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void AssertJsonEquivalent(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected}{Environment.NewLine}Actual   {actual}");

    private const string StoredFile =
        """{ "_id": "6644a1f0c2b8a40001a1b2c3", "FileToken": "0f3c2e9a", "FileName": "acme-msa.pdf", "ContentType": "application/pdf", "Size": 26217, "HasThumbnail": false, "IsImage": false, "FileUrl": "https://files.example.invalid/acme-msa.pdf", "ThumbnailUrl": null, "UserId": 109725, "IsPermanent": true, "Custom": { "a": [1, "2"] } }""";

    [Fact]
    public void A_file_read_and_not_changed_is_written_back_with_every_key()
    {
        var files = ReadValue("[" + StoredFile + "]", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, 1));

        AssertJsonEquivalent("[" + StoredFile + "]", Write(w => WorkiomJsonWriter.WriteFiles(w, files)));

        // A copy that changes nothing is still the file as read.
        files[0] = files[0] with { };
        AssertJsonEquivalent("[" + StoredFile + "]", Write(w => WorkiomJsonWriter.WriteFiles(w, files)));
    }

    [Fact]
    public void Appending_an_upload_sends_the_files_read_as_read_and_the_new_one_in_the_write_shape()
    {
        var files = ReadValue("[" + StoredFile + "]", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, 1));
        files.Add(new WorkiomFile("new.pdf") { FileToken = "tok-1", ContentType = "application/pdf", Size = 10 });

        var written = JsonNode.Parse(Write(w => WorkiomJsonWriter.WriteFiles(w, files)))!.AsArray();

        AssertJsonEquivalent(StoredFile, written[0]!.ToJsonString());
        AssertJsonEquivalent(
            """{ "_id": "tok-1", "AnonymousForm": false, "ContentType": "application/pdf", "ExpiryDate": null, "FileName": "new.pdf", "FileUrl": null, "ThumbnailUrl": null, "HasThumbnail": false, "IsPermanent": true, "Size": 10 }""",
            written[1]!.ToJsonString());
    }

    [Fact]
    public void A_read_file_changed_keeps_its_keys_with_the_changed_ones_replaced_and_another_id_is_a_new_file()
    {
        const string read = """{ "_id": "f1", "fileName": "a.pdf", "Size": 5, "Extra": "kept" }""";
        var file = ReadValue("[" + read + "]", static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, 1))[0];

        AssertJsonEquivalent(
            """[{ "_id": "f1", "fileName": "b.pdf", "Size": 5, "Extra": "kept" }]""",
            Write(w => WorkiomJsonWriter.WriteFiles(w, [file with { FileName = "b.pdf" }])));
        AssertJsonEquivalent(
            """[{ "_id": "f1", "fileName": "a.pdf", "Size": 5, "Extra": "kept", "ContentType": "text/plain" }]""",
            Write(w => WorkiomJsonWriter.WriteFiles(w, [file with { ContentType = "text/plain" }])));

        var other = JsonNode.Parse(Write(w => WorkiomJsonWriter.WriteFiles(w, [file with { Id = "f2" }])))!.AsArray()[0]!.AsObject();
        Assert.Equal("f2", (string?)other["_id"]);
        Assert.False(other.ContainsKey("Extra"));
        Assert.True(other.ContainsKey("AnonymousForm"));
    }

    [Fact]
    public void A_user_read_as_id_and_label_keeps_its_name_and_is_written_back_as_read()
    {
        const string read = """{ "id": "109725", "label": "Fadi Alsayed", "avatar": null }""";
        var user = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUser(ref r, 1))!;

        Assert.Equal("Fadi Alsayed", user.FullName);
        string written = Write(w => WorkiomJsonWriter.WriteUser(w, user, UserWriteShape.IdAndUserName));
        AssertJsonEquivalent(read, written);
        Assert.DoesNotContain("username", written, StringComparison.Ordinal);

        // Even when the compact shape is asked for: the value read goes back as read.
        AssertJsonEquivalent(read, Write(w => WorkiomJsonWriter.WriteUser(w, user, UserWriteShape.Id)));

        // Changed: the read keys, the name ones with the new name.
        AssertJsonEquivalent(
            """{ "id": "109725", "label": "Fadi A.", "avatar": null }""",
            Write(w => WorkiomJsonWriter.WriteUser(w, user with { FullName = "Fadi A." }, UserWriteShape.IdAndUserName)));
    }

    [Fact]
    public void Users_read_in_a_list_keep_their_keys_and_a_user_made_one_has_no_null_username()
    {
        const string read = """[{ "id": 109725, "fullname": "Fadi", "emailAddress": "f@example.com", "UserType": 1, "isActive": true, "x": {} }, "42"]""";
        var users = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUsers(ref r, 1));
        AssertJsonEquivalent(read, Write(w => WorkiomJsonWriter.WriteUsers(w, users, UserWriteShape.IdAndUserName)));

        users.Add(new WorkiomUser(7));
        var written = JsonNode.Parse(Write(w => WorkiomJsonWriter.WriteUsers(w, users, UserWriteShape.IdAndUserName)))!.AsArray();
        AssertJsonEquivalent("""{ "id": 7 }""", written[2]!.ToJsonString());
        Assert.Equal("""{"id":7,"username":"Ada"}""", Write(w => WorkiomJsonWriter.WriteUser(w, new WorkiomUser(7, "Ada"), UserWriteShape.IdAndUserName)));
    }

    [Theory]
    [InlineData("""{ "id": "109725", "fullname": "Fadi Alsayed", "emailAddress": "fadi@example.com", "userType": 1, "isActive": true }""")]
    [InlineData("""{ "id": 109725, "fullname": null, "isActive": null }""")]
    [InlineData("""{ "id": "0109725", "fullname": "Fadi" }""")]
    [InlineData("""{ "id": "109725", "userType": 1.0 }""")]
    [InlineData("""{ "id": "109725", "FullName": "Fadi", "username": "fadi" }""")]
    public void A_user_in_the_read_shape_is_written_back_as_read_and_changed_keeps_its_keys(string read)
    {
        var user = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadUser(ref r, 1))!;
        AssertJsonEquivalent(read, Write(w => WorkiomJsonWriter.WriteUser(w, user, UserWriteShape.Id)));

        var expected = JsonNode.Parse(read)!.AsObject();
        var nameKey = expected.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "fullname", StringComparison.OrdinalIgnoreCase)) ?? "fullname";
        expected[nameKey] = "Someone Else";
        AssertJsonEquivalent(
            expected.ToJsonString(),
            Write(w => WorkiomJsonWriter.WriteUser(w, user with { FullName = "Someone Else" }, UserWriteShape.IdAndUserName)));
    }

    [Theory]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent", "order": 2, "color": "#ffa979", "isClosed": false }""")]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent", "order": 2 }""")]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent" }""")]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "Label": "Proposal Sent", "order": 2 }""")]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent", "order": 2, "colour": null, "x": [1] }""")]
    [InlineData("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent", "order": 7 }""")]
    [InlineData("\"Proposal Sent\"")]
    public void An_option_read_is_written_back_as_read_whatever_the_write_shape(string read)
    {
        var option = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<StageOption>(ref r, 1));

        Assert.Equal(StageOption.ProposalSent, option);
        AssertJsonEquivalent(read, Write(w => WorkiomJsonWriter.WriteOption(w, option, SelectWriteShape.IdAndLabel)));
        AssertJsonEquivalent(read, Write(w => WorkiomJsonWriter.WriteOption(w, option, SelectWriteShape.Label)));
    }

    [Fact]
    public void A_known_option_read_in_its_canonical_form_is_one_shared_instance_and_the_static_member_keeps_the_write_shape()
    {
        const string read = """{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent", "order": 2, "color": "#ffa979", "isClosed": false }""";
        var first = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<StageOption>(ref r, 1));
        var second = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadOption<StageOption>(ref r, 1));

        Assert.Same(first, second);
        Assert.Equal(
            """{"id":"8ed92143-4014-402a-8c9a-c54effa45a39","label":"Proposal Sent"}""",
            Write(w => WorkiomJsonWriter.WriteOption(w, StageOption.ProposalSent, SelectWriteShape.IdAndLabel)));
    }

    [Fact]
    public void Links_read_keep_their_keys_and_a_relabelled_one_keeps_the_others()
    {
        const string read = """[{ "_id": "r1", "label": "Acme", "kind": "company" }, { "ID": "r2", "label": null }]""";
        var links = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadLinks<LinkList>(ref r, 1));

        AssertJsonEquivalent(read, Write(w => WorkiomJsonWriter.WriteLinks(w, links, LinkWriteShape.Id)));

        links[0] = links[0] with { Label = "Acme Corp" };
        links.Add("r3", "New");
        AssertJsonEquivalent(
            """[{ "_id": "r1", "label": "Acme Corp", "kind": "company" }, { "ID": "r2", "label": null }, { "_id": "r3", "label": "New" }]""",
            Write(w => WorkiomJsonWriter.WriteLinks(w, links, LinkWriteShape.IdAndLabel)));
    }

    [Fact]
    public void A_checklist_item_toggled_keeps_its_unknown_keys()
    {
        const string read = """[{ "label": "Call", "check": false, "due": "2025-01-01" }, { "label": "Sign", "checked": true }]""";
        var items = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadCheckList(ref r, 1));
        AssertJsonEquivalent(read, Write(w => WorkiomJsonWriter.WriteCheckList(w, items)));

        items[0] = items[0] with { Checked = true };
        AssertJsonEquivalent(
            """[{ "label": "Call", "check": true, "due": "2025-01-01" }, { "label": "Sign", "checked": true }]""",
            Write(w => WorkiomJsonWriter.WriteCheckList(w, items)));
    }

    [Fact]
    public void A_checklist_read_as_a_json_string_is_written_back_as_that_string_until_it_is_edited()
    {
        const string read = "\"[{\\\"label\\\":\\\"Call\\\",\\\"check\\\":true,\\\"n\\\":1}]\"";
        var items = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadCheckList(ref r, 1));

        Assert.Equal(read, Write(w => WorkiomJsonWriter.WriteCheckList(w, items)));

        items.Add(new CheckListItem("Sign"));
        AssertJsonEquivalent(
            """[{ "label": "Call", "check": true, "n": 1 }, { "label": "Sign", "check": false }]""",
            Write(w => WorkiomJsonWriter.WriteCheckList(w, items)));
    }

    [Fact]
    public void A_single_object_where_an_array_is_expected_is_written_back_as_that_object_until_edited()
    {
        var files = ReadValue(StoredFile, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadFiles(ref r, 1));
        AssertJsonEquivalent(StoredFile, Write(w => WorkiomJsonWriter.WriteFiles(w, files)));

        files.RemoveAt(0);
        Assert.Equal("[]", Write(w => WorkiomJsonWriter.WriteFiles(w, files)));
    }

    [Theory]
    [InlineData("""{ "_id": "s1", "FileName": "sig.png", "Strokes": [[1, 2], [3, 4]] }""")]
    [InlineData("""[{ "_id": "s1", "FileName": "sig.png" }]""")]
    [InlineData("""{ "label": "Dubai", "lat": 25.2048, "lng": 55.2708, "placeId": "x" }""")]
    [InlineData("""[{ "label": "Task 1" }, { "_id": "t2", "label": "Task 2", "lag": 3 }]""")]
    public void Location_dependency_and_signature_values_round_trip_exactly(string read)
    {
        var value = ReadValue(read, static (ref Utf8JsonReader r) => WorkiomJsonReader.ReadRaw(ref r));

        AssertJsonEquivalent(read, Write(w => WorkiomJsonWriter.WriteRaw(w, value)));
    }
}
