using System.Text;
using System.Text.Json;
using Workiom.AspNetCore.Tests.Lists;
using Workiom.Webhooks;

namespace Workiom.AspNetCore.Tests;

public sealed class WebhookReaderTests
{
    private static WorkiomWebhook<Lead> ReadLead(string json, WorkiomWebhookEvent? @event = null) =>
        WorkiomWebhookReader.Read<Lead>(Encoding.UTF8.GetBytes(json), @event);

    [Fact]
    public void The_shared_fixture_payload_reads_into_the_generated_record()
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "webhook.payload.updated-record.json"));

        var hook = WorkiomWebhookReader.Read<Lead>(body, WorkiomWebhookEvent.Updated);

        Assert.Equal("6980bea2a9c6459ae5075e94", hook.RecordId);
        Assert.Equal(WorkiomWebhookEvent.Updated, hook.Event);
        Assert.Equal("John Doe", hook.Record.FullName);
        Assert.Equal("john.doe@example.com", hook.Record.Email);
        Assert.Equal("+1234567890", hook.Record.PhoneNumber);
        Assert.Equal(Lead.InterestedPropertyTypesOption.Commercial, hook.Record.InterestedPropertyTypes);
        Assert.Null(hook.Record.Preferences);
        var watcher = Assert.Single(hook.Record.Watchers);
        Assert.Equal(1234567890L, watcher.Id);
        Assert.Equal("John Doe", hook.Record.Creator?.FullName);
        Assert.Equal("john.doe@example.com", hook.Record.LastUpdater?.EmailAddress);
        Assert.Equal(new DateTimeOffset(2026, 1, 30, 20, 17, 0, TimeSpan.Zero), hook.Record.CreationDate);
        Assert.Equal(new DateTimeOffset(2026, 2, 2, 15, 15, 0, TimeSpan.Zero), hook.Record.LastModifyDate);
        Assert.Equal(new DateTimeOffset(2026, 2, 2, 15, 15, 0, TimeSpan.Zero), hook.Record.LastActivityDate);
        Assert.Empty(hook.UnmatchedKeys);
        Assert.Empty(hook.AmbiguousKeys);
        Assert.True(hook.AllKeysMatched);
        Assert.Empty(hook.Record.UnknownFields);
    }

    [Fact]
    public void Names_with_spaces_emoji_and_Arabic_match_as_sent_without_white_space_and_in_any_case()
    {
        var hook = ReadLead("""{"_id":"a1","FullName":"Ann","🔥HotLead":true,"الاسمالكامل":"آن","phone number":"+1","EMAIL":"a@b.c"}""");

        Assert.Equal("Ann", hook.Record.FullName);
        Assert.True(hook.Record.HotLead);
        Assert.Equal("آن", hook.Record.الاسمالكامل);
        Assert.Equal("+1", hook.Record.PhoneNumber);
        Assert.Equal("a@b.c", hook.Record.Email);
        Assert.True(hook.AllKeysMatched);
    }

    [Fact]
    public void The_exact_name_with_its_spaces_matches_too()
    {
        var hook = ReadLead("""{"Full Name":"Ann","Interested Property Types":{"id":"7a1c0e2b9d4f4a6e8b3c5d7e9f0a1b2c","label":"Residential"}}""");

        Assert.Equal("Ann", hook.Record.FullName);
        Assert.Equal(Lead.InterestedPropertyTypesOption.Residential, hook.Record.InterestedPropertyTypes);
        Assert.True(hook.AllKeysMatched);
    }

    [Fact]
    public void Names_several_fields_share_are_ambiguous_and_kept_as_read_while_the_collision_form_matches()
    {
        const string json = """{"Notes":"first","Notes_3001010":"second","Budget":1,"budget_3001012":2,"DealSize":3,"DealSize_3001019":4}""";

        var hook = ReadLead(json);

        Assert.Equal(["Notes", "Budget", "DealSize"], hook.AmbiguousKeys);
        Assert.Empty(hook.UnmatchedKeys);
        Assert.Null(hook.Record.Notes);
        Assert.Equal("second", hook.Record.Notes_3001010);
        Assert.Null(hook.Record.Budget);
        Assert.Equal(2m, hook.Record.Budget_3001012);
        Assert.Null(hook.Record.DealSize);
        Assert.Equal(4m, hook.Record.DealSize_3001019);
        Assert.Equal("first", hook.Record.UnknownFields["Notes"].GetString());
        Assert.Equal(1, hook.Record.UnknownFields["Budget"].GetInt32());
        Assert.Equal(3, hook.Record.UnknownFields["DealSize"].GetInt32());
    }

    [Fact]
    public void Two_keys_for_one_field_are_both_ambiguous_never_one_chosen()
    {
        var hook = ReadLead("""{"FullName":"Ann","Full Name":"Bob"}""");

        Assert.Equal(["FullName", "Full Name"], hook.AmbiguousKeys);
        Assert.Null(hook.Record.FullName);
        Assert.Equal("Ann", hook.Record.UnknownFields["FullName"].GetString());
        Assert.Equal("Bob", hook.Record.UnknownFields["Full Name"].GetString());
    }

    [Fact]
    public void A_field_whose_name_is_white_space_matches_by_its_id()
    {
        var hook = ReadLead("""{"3001020":"blank name"}""");

        Assert.Equal("blank name", hook.Record.Field3001020);
        Assert.True(hook.AllKeysMatched);
    }

    [Fact]
    public void Unknown_keys_are_kept_as_read_and_reported_but_a_replace_or_create_refuses_to_send_them_by_name()
    {
        const string json = """{"_id":"a1","FullName":"Ann","Added Later":{"n":[1,2.50,"x\u00e9"]},"view-12":5}""";

        var hook = ReadLead(json);

        Assert.Equal(["Added Later", "view-12"], hook.UnmatchedKeys);
        Assert.Equal("""{"n":[1,2.50,"x\u00e9"]}""", hook.Record.UnknownFields["Added Later"].GetRawText());
        foreach (var kind in new[] { WorkiomWriteKind.Replace, WorkiomWriteKind.Create })
        {
            var buffer = new MemoryStream();
            using var writer = new Utf8JsonWriter(buffer);
            var refused = Assert.Throws<InvalidOperationException>(() => hook.Record.WriteTo(writer, kind));
            Assert.Contains("webhook payload", refused.Message, StringComparison.Ordinal);
            Assert.Contains("'Added Later', 'view-12'", refused.Message, StringComparison.Ordinal);
            writer.Flush();
            Assert.Equal(0, buffer.Length);
        }

        // A partial write sends only the changed field, by id.
        hook.Record.PhoneNumber = "555";
        var partial = new MemoryStream();
        using (var writer = new Utf8JsonWriter(partial))
        {
            hook.Record.WriteTo(writer, WorkiomWriteKind.Partial);
        }

        Assert.Equal("""{"3001003":"555"}""", Encoding.UTF8.GetString(partial.ToArray()));
    }

    [Fact]
    public void A_payload_whose_keys_all_matched_replaces_with_field_ids_only()
    {
        var hook = ReadLead("""{"_id":"a1","FullName":"Ann","phone number":"+1"}""");
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            hook.Record.WriteTo(writer, WorkiomWriteKind.Replace);
        }

        using var written = JsonDocument.Parse(buffer.ToArray());
        Assert.All(written.RootElement.EnumerateObject(), property => Assert.True(int.TryParse(property.Name, out _), property.Name));
    }

    [Fact]
    public async Task Against_the_emulator_a_webhook_record_with_unmatched_names_updates_partially_and_refuses_a_replace_before_sending()
    {
        await using var emulator = await Workiom.Emulator.WorkiomEmulator.StartAsync(new Workiom.Emulator.WorkiomEmulatorOptions
        {
            SchemaPaths = [Path.Combine(AppContext.BaseDirectory, "fixtures", "lists-get.deals.json")],
        });
        using var client = emulator.CreateClient();
        var deals = client.Deals();
        var created = await deals.CreateAsync(new Deal { DealName = "Acme", Amount = 10m });
        string body = "{\"_id\":\"" + created.Id + "\",\"DealName\":\"Acme\",\"Amount\":10,\"Added Later\":\"kept\"}";

        var hook = WorkiomWebhookReader.Read<Deal>(Encoding.UTF8.GetBytes(body), WorkiomWebhookEvent.Updated);
        Assert.Equal(["Added Later"], hook.UnmatchedKeys);

        hook.Record.Amount = 20m;
        var updated = await deals.UpdateAsync(hook.Record);
        Assert.Equal(20m, (await deals.GetAsync(created.Id!)).Amount);

        foreach (var record in new[] { hook.Record, updated })
        {
            record.DealName = "Renamed";
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => deals.ReplaceAsync(record));
            Assert.Contains("'Added Later'", refused.Message, StringComparison.Ordinal);
        }

        var stored = await deals.GetAsync(created.Id!);
        Assert.Equal("Acme", stored.DealName);
        Assert.Empty(stored.UnknownFields);
        stored.DealName = "Renamed";
        await deals.ReplaceAsync(stored);
        Assert.Equal("Renamed", (await deals.GetAsync(created.Id!)).DealName);
    }

    [Fact]
    public void System_keys_match_only_fields_with_that_role()
    {
        var hook = WorkiomWebhookReader.Read<Lead>(
            """{"_creator":{"id":"7","fullname":"Eve"},"_creationDate":"2026-01-30T20:17:00Z","_lastUpdater":null,"_lastModifyDate":null,"_lastActivityDate":null}"""u8);

        Assert.Equal("Eve", hook.Record.Creator?.FullName);
        Assert.Equal(new DateTimeOffset(2026, 1, 30, 20, 17, 0, TimeSpan.Zero), hook.Record.CreationDate);
        Assert.Null(hook.Record.LastUpdater);
        Assert.True(hook.AllKeysMatched);
    }

    [Fact]
    public void A_system_key_and_the_system_fields_name_together_are_both_ambiguous()
    {
        var hook = WorkiomWebhookReader.Read<Lead>("""{"_creator":{"id":"7","fullname":"Eve"},"Creator":{"id":"8","fullname":"Mallory"}}"""u8);

        Assert.Equal(["_creator", "Creator"], hook.AmbiguousKeys);
        Assert.Null(hook.Record.Creator);
        Assert.Equal(2, hook.Record.UnknownFields.Count);
    }

    [Fact]
    public void System_keys_of_a_list_without_system_fields_are_unmatched()
    {
        var hook = WorkiomWebhookReader.Read<Plain>("""{"_id":"r","_creator":null,"Name":"x"}"""u8);

        Assert.Equal(["_creator"], hook.UnmatchedKeys);
        Assert.Equal("x", hook.Record.Name);
    }

    [Fact]
    public void Null_and_absent_values_are_empty()
    {
        var hook = ReadLead("""{"_id":"a1","FullName":null,"Watchers":null}""");

        Assert.Null(hook.Record.FullName);
        Assert.Empty(hook.Record.Watchers);
        Assert.Null(hook.Record.Email);
        Assert.Null(hook.Event);
        Assert.True(hook.AllKeysMatched);
    }

    [Theory]
    [InlineData("{\"FullName\": \"Ann\",\n  \"Email\": }", 2, 12)]
    [InlineData("{\"FullName\":\"Ann\"} {}", 1, 20)]
    [InlineData("", 1, 1)]
    public void A_malformed_body_is_a_format_exception_with_line_and_position(string json, long line, long position)
    {
        var exception = Assert.Throws<WorkiomWebhookFormatException>(() => ReadLead(json));

        Assert.Equal(line, exception.LineNumber);
        Assert.Equal(position, exception.BytePositionInLine);
        Assert.Contains("line " + line, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"FullName":"Ann"}]""", "an array")]
    [InlineData("\"text\"", "a single value")]
    public void A_body_that_is_not_one_object_is_a_format_exception(string json, string found)
    {
        var exception = Assert.Throws<WorkiomWebhookFormatException>(() => ReadLead(json));

        Assert.Contains(found, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_shape_is_a_format_exception_without_the_value()
    {
        var exception = Assert.Throws<WorkiomWebhookFormatException>(() => ReadLead("""{"🔥HotLead":{"secret":"s3cr3t"}}"""));

        Assert.Contains("3001007", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.LineNumber);
    }

    [Fact]
    public void The_event_comes_from_the_query()
    {
        Assert.Equal(WorkiomWebhookEvent.Created, WorkiomWebhookReader.EventFromQuery("?a=1&workiom-event=created"));
        Assert.Equal(WorkiomWebhookEvent.Updated, WorkiomWebhookReader.EventFromQuery("Workiom-Event=UPDATED"));
        Assert.Null(WorkiomWebhookReader.EventFromQuery("?workiom-event=deleted"));
        Assert.Null(WorkiomWebhookReader.EventFromQuery("?event=created"));
        Assert.Null(WorkiomWebhookReader.EventFromQuery(null));
    }

    [Fact]
    public void The_schema_table_carries_the_app_id_and_system_roles()
    {
        Assert.Equal("9c2e4a6b-1d3f-4e5a-8b7c-0d1e2f3a4b5c", Lead.WorkiomSchema.AppId);
        Assert.Equal(
            [Schema.WorkiomSystemField.Creator, Schema.WorkiomSystemField.CreationDate, Schema.WorkiomSystemField.LastUpdater,
             Schema.WorkiomSystemField.LastModifyDate, Schema.WorkiomSystemField.LastActivityDate],
            Lead.WorkiomSchema.Fields.Where(f => f.SystemField != Schema.WorkiomSystemField.None).Select(f => f.SystemField));
    }
}
