using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Generators.Tests.Crm;
using Workiom.Generators.Tests.Infrastructure;
using Workiom.Serialization;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>The generated readers and writers of the fixture lists, compiled into this assembly.</summary>
public class RecordSerializationTests
{
    private static List<Deal> ReadPage(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var deals = new List<Deal>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("items"))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    deals.Add(Deal.ReadFrom(ref reader));
                }

                break;
            }
        }

        return deals;
    }

    private static Deal ReadOne(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return Deal.ReadFrom(ref reader);
    }

    private static string Write(WorkiomRecord record, WorkiomWriteKind kind, WorkiomWriteShapes? shapes = null)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            record.WriteTo(writer, kind, shapes);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void AssertJsonEqual(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected}\nActual   {actual}");

    private static readonly WorkiomWriteShapes GuideExampleShapes = new()
    {
        Status = SelectWriteShape.Label,
        MultiStaticSelect = SelectWriteShape.Label,
        LinkList = LinkWriteShape.Id,
        User = UserWriteShape.Id,
    };

    [Fact]
    public void Reads_every_field_of_the_data_all_fixture_into_typed_values()
    {
        var deals = ReadPage(Fixtures.Read("data-all.response.deals.json"));
        Assert.Equal(2, deals.Count);
        var deal = deals[0];

        Assert.Equal("64432f26b032d10001e89d88", deal.Id);
        Assert.Equal("Acme renewal 2025", deal.DealName);
        Assert.Equal(120000m, deal.Amount);
        Assert.Equal(50m, deal.Probability);
        Assert.Equal(Deal.StageOption.ProposalSent, deal.Stage);
        Assert.Equal(Deal.SourceOption.Referral, deal.Source);
        Assert.Equal(new[] { Deal.TagsOption.Enterprise, Deal.TagsOption.Renewal }, deal.Tags);
        var link = Assert.Single(deal.Company);
        Assert.Equal(("67691cd5f8193dc8b9430e98", "Acme Corp"), (link.Id, link.Label));
        Assert.Equal(109725, deal.Owner!.Id);
        Assert.Equal("Fadi Alsayed", deal.Owner.FullName);
        Assert.Equal(new long[] { 109725, 109731 }, deal.Watchers.Select(w => w.Id));
        Assert.Equal(new DateOnly(2025, 6, 30), deal.ExpectedClose);
        Assert.Equal(new DateTimeOffset(2025, 5, 2, 9, 30, 0, TimeSpan.Zero), deal.NextMeeting);
        Assert.True(deal.IsStrategic);
        var file = Assert.Single(deal.Contract);
        Assert.Equal(("6644a1f0c2b8a40001a1b2c3", "acme-msa.pdf", 26217L), (file.Id, file.FileName, file.Size!.Value));
        Assert.Equal("buyer@acme.example", deal.ContactEmail);
        Assert.Equal("(415) 555-9876", deal.ContactPhone);
        Assert.Equal("https://acme.example", deal.Website);
        Assert.Equal(1042, deal.DealNo);
        Assert.Equal(new[] { new CheckListItem("Send revised quote", true), new CheckListItem("Legal review", false) }, deal.NextSteps);
        Assert.Equal(60m, deal.Completion);
        Assert.Equal(850, deal.CompanyEmployees!.Value.GetInt32());
        Assert.Equal(60000m, deal.WeightedAmount);
        Assert.Equal(109731, deal.LastUpdater!.Id);
        Assert.Equal(new DateTimeOffset(2025, 1, 14, 8, 12, 0, TimeSpan.Zero), deal.CreationDate);
        Assert.Empty(deal.UnknownFields);   // view-535376 is view data, not a field
        Assert.False(deal.HasChanges);

        var empty = deals[1];
        Assert.Null(empty.Source);
        Assert.Empty(empty.Tags);
        Assert.Empty(empty.Company);
        Assert.Null(empty.Owner);
        Assert.Empty(empty.NextSteps);
        Assert.Equal(0m, empty.Completion);
    }

    [Fact]
    public void Reading_a_page_and_writing_it_back_loses_nothing()
    {
        foreach (var original in ReadPage(Fixtures.Read("data-all.response.deals.json")))
        {
            string written = Write(original, WorkiomWriteKind.Replace);
            var reread = ReadOne(written);

            // Every writable field survives the trip: writing the re-read record gives the same body.
            AssertJsonEqual(written, Write(reread, WorkiomWriteKind.Replace));
            Assert.Equal(original.Stage, reread.Stage);
            Assert.Equal(original.Stage?.Label, reread.Stage?.Label);
            Assert.Equal(original.Tags, reread.Tags);
            Assert.Equal(original.Company, reread.Company);
            Assert.Equal(original.Contract.Select(f => (f.Id, f.FileName, f.Size)), reread.Contract.Select(f => (f.Id, f.FileName, f.Size)));
            Assert.Equal(original.NextSteps, reread.NextSteps);
            Assert.Equal(original.ExpectedClose, reread.ExpectedClose);
            Assert.Equal(original.NextMeeting, reread.NextMeeting);
        }
    }

    [Fact]
    public void Replace_writes_every_writable_field_and_unknown_keys_but_no_read_only_field()
    {
        var json = Fixtures.Read("data-all.response.deals.json");
        var item = JsonNode.Parse(json)!["result"]!["items"]![0]!.AsObject();
        item["2999999"] = new JsonObject { ["added"] = "after the snapshot" };
        item["someKey"] = 42;
        var deal = ReadOne(item.ToJsonString());

        var body = JsonNode.Parse(Write(deal, WorkiomWriteKind.Replace))!.AsObject();

        Assert.Equal("after the snapshot", (string?)body["2999999"]!["added"]);
        Assert.Equal(42, (int?)body["someKey"]);
        foreach (var readOnly in new[] { Deal.Fields.DealNo, Deal.Fields.CompanyEmployees, Deal.Fields.WeightedAmount, Deal.Fields.Creator, Deal.Fields.CreationDate, Deal.Fields.LastUpdater, Deal.Fields.LastModifyDate, Deal.Fields.LastActivityDate })
        {
            Assert.False(body.ContainsKey(readOnly.ToString(System.Globalization.CultureInfo.InvariantCulture)), readOnly + " is read-only");
        }

        Assert.Equal(18, body.Count(p => p.Key.All(char.IsAsciiDigit) && p.Key != "2999999"));
        Assert.DoesNotContain("view-535376", body.Select(p => p.Key));
    }

    [Fact]
    public void Builds_the_guide_create_example_from_a_typed_record()
    {
        var deal = new Deal
        {
            DealName = "Initech expansion",
            Amount = 45000m,
            Probability = 25m,
            Stage = Deal.StageOption.Qualified,
            Source = Deal.SourceOption.Website,
            Tags = { Deal.TagsOption.Enterprise, Deal.TagsOption.Renewal },
            Owner = new WorkiomUser(109725),
            ExpectedClose = new DateOnly(2025, 9, 30),
            IsStrategic = false,
            ContactEmail = "it@initech.example",
            ContactPhone = "+1 415 555 0100",
            Website = "https://initech.example",
            NextSteps = { new CheckListItem("Kick-off call") },
        };
        deal.Company.Add("67691cd5f8193dc8b9430e98", "Acme Corp");

        AssertJsonEqual(Fixtures.Read("data-create.request.deals.json"), Write(deal, WorkiomWriteKind.Create, GuideExampleShapes));
    }

    [Fact]
    public void Default_shapes_are_the_guides_object_shapes()
    {
        var deal = new Deal { Stage = Deal.StageOption.Won, Owner = new WorkiomUser(109725, "Fadi Alsayed") };
        deal.Company.Add("67691cd5f8193dc8b9430e98", "Acme Corp");
        deal.Tags.Add(Deal.TagsOption.SMB);

        AssertJsonEqual(
            """
            { "2014505": { "id": "c1818389-a77d-468f-92e5-7f47fff6f3b8", "label": "Won" },
              "2014507": [ { "id": "8627a434-b532-4ae4-b56a-a168bcc66446", "label": "SMB" } ],
              "2014508": [ { "_id": "67691cd5f8193dc8b9430e98", "label": "Acme Corp" } ],
              "2014509": { "id": 109725, "username": "Fadi Alsayed" } }
            """,
            Write(deal, WorkiomWriteKind.Create));
    }

    [Fact]
    public void Partial_writes_only_what_changed_and_null_clears()
    {
        var deal = ReadPage(Fixtures.Read("data-all.response.deals.json"))[0];
        Assert.Equal("{}", Write(deal, WorkiomWriteKind.Partial));

        deal.Stage = Deal.StageOption.Won;
        deal.Completion = 100m;
        deal.NextMeeting = null;
        deal.DealName = "Acme renewal 2025"; // the same value: not a change

        Assert.Equal(new[] { Deal.Fields.Stage, Deal.Fields.NextMeeting, Deal.Fields.Completion }, deal.GetChangedFieldIds());
        AssertJsonEqual(Fixtures.Read("data-updatepartial.request.json"), Write(deal, WorkiomWriteKind.Partial, GuideExampleShapes));

        deal.AcceptChanges();
        Assert.False(deal.HasChanges);
    }

    [Fact]
    public void Edits_made_inside_a_list_count_as_changes()
    {
        var deal = ReadPage(Fixtures.Read("data-all.response.deals.json"))[0];

        deal.Tags.Remove(Deal.TagsOption.Renewal);
        deal.NextSteps[1] = deal.NextSteps[1] with { Checked = true };

        Assert.Equal(new[] { Deal.Fields.Tags, Deal.Fields.NextSteps }, deal.GetChangedFieldIds());
        var body = JsonNode.Parse(Write(deal, WorkiomWriteKind.Partial))!.AsObject();
        Assert.Equal(2, body.Count);
        Assert.Single(body["2014507"]!.AsArray());
        Assert.True((bool)body["2014524"]![1]!["check"]!);
    }

    [Fact]
    public void Replace_is_refused_for_a_projected_record()
    {
        var deal = ReadPage(Fixtures.Read("data-all.response.deals.json"))[0];
        typeof(WorkiomRecord).GetMethod("MarkProjected", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .Invoke(deal, new object[] { new[] { Deal.Fields.DealName } });

        var error = Assert.Throws<InvalidOperationException>(() => Write(deal, WorkiomWriteKind.Replace));
        Assert.Contains("projection", error.Message, StringComparison.Ordinal);
        Assert.Equal("{}", Write(deal, WorkiomWriteKind.Partial));
    }

    [Fact]
    public void An_option_added_in_Workiom_later_round_trips_and_a_relabelled_one_keeps_the_servers_label()
    {
        var deal = ReadOne("""
            { "_id": "a1", "2014505": { "id": "new-stage", "label": "On Hold", "order": 9, "color": "#000", "isClosed": false },
              "2014506": { "id": "19757813-ec9a-4449-8683-0938202504d0", "label": "Referral (partner)" } }
            """);

        Assert.Equal("On Hold", deal.Stage!.Label);
        Assert.Equal("new-stage", deal.Stage.Id);
        Assert.DoesNotContain(deal.Stage, Deal.StageOption.Known);
        Assert.Equal(Deal.SourceOption.Referral, deal.Source);         // same id: the same option
        Assert.Equal("Referral (partner)", deal.Source!.Label);        // but the label Workiom has now is what is sent

        var body = JsonNode.Parse(Write(deal, WorkiomWriteKind.Replace))!;
        Assert.Equal("On Hold", (string?)body["2014505"]!["label"]);
        Assert.Equal("Referral (partner)", (string?)body["2014506"]!["label"]);
    }

    [Fact]
    public void Reading_is_tolerant_of_the_shapes_Workiom_is_known_to_send()
    {
        var deal = ReadOne("""
            { "ID": 12345,
              "2014503": "1500.50",
              "2014505": "Won",
              "2014507": { "id": "345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5", "label": "Enterprise" },
              "2014508": { "_id": "c1", "label": "Acme" },
              "2014509": { "ID": 109725, "Username": "fadi", "UserType": 1 },
              "2014510": { "id": "109731" },
              "2014511": null,
              "2014517": "true",
              "2014518": { "_id": "f1", "fileName": "a.pdf", "size": "12" },
              "2014524": "[{\"label\":\"Call\",\"check\":true}]",
              "2014525": null }
            """);

        Assert.Equal("12345", deal.Id);
        Assert.Equal(1500.50m, deal.Amount);
        Assert.Equal(Deal.StageOption.Won, deal.Stage);
        Assert.Equal(new[] { Deal.TagsOption.Enterprise }, deal.Tags);
        Assert.Equal("c1", Assert.Single(deal.Company).Id);
        Assert.Equal((109725L, "fadi", 1), (deal.Owner!.Id, deal.Owner.FullName, deal.Owner.UserType!.Value));
        Assert.Equal(109731, Assert.Single(deal.Watchers).Id);
        Assert.Null(deal.ExpectedClose);
        Assert.True(deal.IsStrategic);
        Assert.Equal(("a.pdf", 12L), (Assert.Single(deal.Contract).FileName, deal.Contract[0].Size!.Value));
        Assert.Equal(new CheckListItem("Call", true), Assert.Single(deal.NextSteps));
        Assert.Null(deal.Completion);
    }

    [Theory]
    [InlineData("""{ "2014503": "a lot" }""", "2014503")]
    [InlineData("""{ "2014503": { "x": 1 } }""", "2014503")]
    [InlineData("""{ "2014517": "maybe" }""", "2014517")]
    [InlineData("""{ "2014511": "not a date" }""", "2014511")]
    [InlineData("""{ "2014509": { "id": "abc" } }""", "2014509")]
    [InlineData("""{ "2014502": [1, 2] }""", "2014502")]
    public void A_value_of_the_wrong_shape_is_a_payload_exception_naming_the_field(string json, string fieldId)
    {
        var error = Assert.Throws<WorkiomPayloadException>(() => ReadOne(json));
        Assert.StartsWith("Field " + fieldId + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_can_only_point_at_a_saved_record()
    {
        var deal = new Deal();
        var unsaved = new Company { CompanyName = "Initech" };
        var error = Assert.Throws<ArgumentException>(() => deal.Company.Add(unsaved));
        Assert.Contains("no id yet", error.Message, StringComparison.Ordinal);

        var saved = ReadCompany("""{ "_id": "c9", "3416230": "Initech" }""");
        deal.Company.Add(saved);
        Assert.Equal(new WorkiomLink("c9", "Initech"), Assert.Single(deal.Company));
    }

    private static Company ReadCompany(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return Company.ReadFrom(ref reader);
    }

    private static Ticket ReadTicket(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return Ticket.ReadFrom(ref reader);
    }

    private static void MarkProjected(WorkiomRecord record, params int[] fieldIds) =>
        typeof(WorkiomRecord).GetMethod("MarkProjected", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .Invoke(record, new object[] { fieldIds });

    /// <summary>The raw text of each property of a JSON object, by key (a repeated key keeps its last value).</summary>
    private static Dictionary<string, string> RawValues(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Last().Value.GetRawText());
    }

    /// <summary>
    /// A Tickets record with values for the four fields the snapshot marks deleted, written by hand
    /// with what a re-serialiser would change: spacing, escapes (one a lone surrogate, which no .NET
    /// string can hold), number text, keys the field types do not know and a repeated key.
    /// </summary>
    private const string TicketWithDeletedValues = """
        { "_id": "t1", "3100001": "Printer jam", "3100002": 2,
          "3100003": "caf\u00e9 \uD800 <b>&amp;</b>\n\"quoted\"",
          "3100004": { "id": "6f1e2d3c-0002-4a5b-8c7d-000000000002",  "label": "Done", "order": 1.0, "color": "#4caf50", "isClosed": true,
                       "since": { "at": "2024-01-02", "scores": [1.50, 2e3, -0] }, "order": 1 },
          "3100005": [ { "id": "6f1e2d3c-0003-4a5b-8c7d-000000000003", "label": "Billing", "order": 0, "colour": null } ],
          "3100006": { "id": "109725", "fullname": "Fadi Alsayed", "emailAddress": "fadi@example.com", "userType": 1, "isActive": true, "team": "EMEA" } }
        """;

    private static readonly string[] DeletedKeys = { "3100003", "3100004", "3100005", "3100006" };

    [Fact]
    public void Keys_the_snapshot_does_not_know_are_written_back_exactly_as_read()
    {
        const string json = """
            { "_id": "u1", "2014502": "Known",
              "2999999": { "note": "\uD83D\uDE00 caf\u00e9 \uDC00", "amounts": [ 1.50, 2E+3 ], "note": "again" },
              "region": "EMEA\/North" }
            """;
        var deal = ReadOne(json);

        var written = RawValues(Write(deal, WorkiomWriteKind.Replace));

        var read = RawValues(json);
        Assert.Equal(read["2999999"], written["2999999"]);
        Assert.Equal(read["region"], written["region"]);
    }

#pragma warning disable WKM2004 // the obsolete members of the deleted fields are what these tests are about

    [Fact]
    public void A_value_read_for_a_deleted_field_is_kept_and_replace_writes_it_back_exactly_as_read()
    {
        var ticket = ReadTicket(TicketWithDeletedValues);
        var read = RawValues(TicketWithDeletedValues);

        string replace = Write(ticket, WorkiomWriteKind.Replace);

        var written = RawValues(replace);
        foreach (var key in DeletedKeys)
        {
            Assert.True(ticket.UnknownFields.ContainsKey(key), key + " is kept");
            Assert.Equal(read[key], written[key]);
        }

        Assert.Equal("Printer jam", written["3100001"].Trim('"'));
        // Each key once: a value kept as read is not also written from its property.
        Assert.Equal(DeletedKeys.Length, DeletedKeys.Count(key => replace.Contains("\"" + key + "\":", StringComparison.Ordinal)));
        Assert.Equal("{}", Write(ticket, WorkiomWriteKind.Partial));
        Assert.DoesNotContain("3100003", Write(new Ticket { Title = "New" }, WorkiomWriteKind.Create), StringComparison.Ordinal);
        Assert.False(ticket.HasChanges);
    }

    [Fact]
    public void The_obsolete_property_of_a_deleted_field_shows_the_value_read_when_it_still_has_the_fields_type()
    {
        var ticket = ReadTicket(TicketWithDeletedValues);

        Assert.Equal("Done", ticket.LegacyStage!.Label);
        Assert.Equal(new[] { Ticket.LegacyTagsOption.Billing }, ticket.LegacyTags);
        Assert.Equal(109725, ticket.LegacyOwner!.Id);
        // Its lone surrogate escape is text no .NET string reader accepts: the property stays empty,
        // and the value is still kept, and written back, as read.
        Assert.Null(ticket.LegacyNotes);
        Assert.True(ticket.UnknownFields.ContainsKey("3100003"));
    }

    [Fact]
    public void A_deleted_fields_value_that_no_longer_has_the_fields_type_is_kept_and_the_record_still_reads()
    {
        const string json = """{ "_id": "t2", "3100001": "Retyped", "3100004": [ 1, 2, 3 ], "3100006": { "id": "not a user id" } }""";

        var ticket = ReadTicket(json);

        Assert.Equal("Retyped", ticket.Title);
        Assert.Null(ticket.LegacyStage);
        Assert.Null(ticket.LegacyOwner);
        var written = RawValues(Write(ticket, WorkiomWriteKind.Replace));
        Assert.Equal("[ 1, 2, 3 ]", written["3100004"]);
        Assert.Equal("""{ "id": "not a user id" }""", written["3100006"]);
    }

    [Fact]
    public void Setting_a_deleted_fields_property_writes_the_users_value_instead_of_the_one_read()
    {
        var ticket = ReadTicket(TicketWithDeletedValues);

        ticket.LegacyNotes = "Rewritten";
        ticket.LegacyTags.Add(Ticket.LegacyTagsOption.Urgent);
        ticket.LegacyOwner = null;

        AssertJsonEqual(
            """
            { "3100003": "Rewritten",
              "3100005": [ { "id": "6f1e2d3c-0003-4a5b-8c7d-000000000003", "label": "Billing", "order": 0, "colour": null }, { "id": "6f1e2d3c-0004-4a5b-8c7d-000000000004", "label": "Urgent" } ],
              "3100006": null }
            """,
            Write(ticket, WorkiomWriteKind.Partial));   // the option read goes back as read, the one added in the write shape
        string pending = Write(ticket, WorkiomWriteKind.Replace);
        var written = RawValues(pending);
        Assert.Equal("\"Rewritten\"", written["3100003"]);
        Assert.Equal("null", written["3100006"]);
        Assert.Equal(RawValues(TicketWithDeletedValues)["3100004"], written["3100004"]);   // not set: as read
        Assert.Equal(1, pending.Split("\"3100003\":").Length - 1);

        // Once accepted (the update went through), the user's values are the record's: every later
        // replace writes them, and nothing read for those fields is left to write.
        ticket.AcceptChanges();
        Assert.Equal("{}", Write(ticket, WorkiomWriteKind.Partial));
        var accepted = RawValues(Write(ticket, WorkiomWriteKind.Replace));
        Assert.Equal("\"Rewritten\"", accepted["3100003"]);
        Assert.Equal("null", accepted["3100006"]);
        Assert.Equal(2, JsonDocument.Parse(accepted["3100005"]).RootElement.GetArrayLength());
        Assert.False(ticket.UnknownFields.ContainsKey("3100003"));
        Assert.True(ticket.UnknownFields.ContainsKey("3100004"));

        var created = new Ticket { Title = "New", LegacyNotes = "Set on create" };
        AssertJsonEqual("""{ "3100001": "New", "3100003": "Set on create" }""", Write(created, WorkiomWriteKind.Create));
    }

#pragma warning restore WKM2004

    [Fact]
    public void On_a_projected_record_assigning_the_empty_value_to_a_field_it_left_out_clears_that_field()
    {
        // Data/All with projectedFields returns only the projected keys: here Probability.
        var deal = ReadOne("""{ "_id": "p1", "2014504": 40 }""");
        MarkProjected(deal, Deal.Fields.Probability);
        var notLoaded = deal.Watchers;   // reading a list the projection left out is not a change
        Assert.Empty(notLoaded);
        Assert.False(deal.HasChanges);

        deal.DealName = null;                  // text
        deal.Amount = null;                    // number
        deal.Stage = null;                     // status
        deal.Owner = null;                     // user
        deal.ExpectedClose = null;             // date
        deal.IsStrategic = null;               // boolean
        deal.Tags.Clear();                     // multi-select, edited in place
        deal.Company.Clear();                  // link list, edited in place
        deal.Contract = new List<WorkiomFile>();  // files, assigned
        deal.NextSteps = deal.NextSteps;       // check list, assigned the list it showed
        deal.Probability = 40m;                // loaded, and the same value: not a change

        AssertJsonEqual(
            """
            { "2014502": null, "2014503": null, "2014505": null, "2014507": [], "2014508": [], "2014509": null,
              "2014511": null, "2014517": null, "2014518": [], "2014524": [] }
            """,
            Write(deal, WorkiomWriteKind.Partial));
    }

    [Fact]
    public void On_a_whole_record_assigning_the_value_it_already_has_is_still_not_a_change()
    {
        var deal = ReadPage(Fixtures.Read("data-all.response.deals.json"))[1];

        deal.Source = null;
        deal.Tags.Clear();
        deal.Company = deal.Company;
        deal.Owner = null;

        Assert.False(deal.HasChanges);
        Assert.Equal("{}", Write(deal, WorkiomWriteKind.Partial));
    }
}
