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
        Assert.Same(Deal.StageOption.ProposalSent, deal.Stage);
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
        Assert.Same(Deal.StageOption.Won, deal.Stage);
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
}
