using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workiom.ReliabilityTests.Lists;
using Workiom.ReliabilityTests.Support;

namespace Workiom.ReliabilityTests;

/// <summary>
/// Writes never lose data the client did not mean to touch, checked in the emulator's store: fields
/// added after the snapshot, and fields it marks deleted that Workiom restored, survive a replace;
/// projected records cannot be replaced, and a partial update leaves every field it did not change as
/// another writer left it.
/// </summary>
public sealed class DataSafetyTests
{
    private const string RegionFieldId = "2099001";
    private const string ListPath = "api/services/app/Data/";

    [Fact(Timeout = 60_000)]
    public async Task Replace_through_a_stale_snapshot_keeps_fields_added_since()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        var created = await deals.CreateAsync(new Deal { DealName = "Stale", Amount = 10 }, CancellationToken.None);
        // Workiom's list gains a field the generated Deal type has never heard of; another writer fills it.
        session.Emulator.ReplaceListSnapshot(DealsSnapshotWithRegion());
        using var http = session.RawHttp();
        await PutPartialAsync(http, created.Id!, new JsonObject { [RegionFieldId] = "EMEA" });

        var loaded = await deals.GetAsync(created.Id!, CancellationToken.None);
        Assert.True(loaded.UnknownFields.ContainsKey(RegionFieldId));
        loaded.Amount = 20;
        await deals.ReplaceAsync(loaded, CancellationToken.None);

        var stored = await session.StoredAsync(Deal.WorkiomListId, created.Id!);
        Assert.Equal("EMEA", stored![RegionFieldId]!.GetValue<string>());
        Assert.Equal(20m, stored["2014503"]!.GetValue<decimal>());
        Assert.Equal("Stale", stored["2014502"]!.GetValue<string>());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_projected_record_refuses_replace_and_the_store_keeps_every_field()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        var created = await deals.CreateAsync(new Deal { DealName = "Whole", Amount = 10, Probability = 30, Website = "https://example.com" }, CancellationToken.None);
        string before = (await session.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, created.Id!))!;

        var projected = Assert.Single(await deals.Query().Project(d => d.DealName).ToListAsync(CancellationToken.None));
        Assert.True(projected.IsProjected);
        projected.DealName = "Renamed";

        await Assert.ThrowsAsync<InvalidOperationException>(() => deals.ReplaceAsync(projected, CancellationToken.None));
        Assert.Equal(before, await session.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, created.Id!));

        // The safe path for a projected record: a partial update sends only what changed.
        await deals.UpdateAsync(projected, CancellationToken.None);
        var stored = await session.StoredAsync(Deal.WorkiomListId, created.Id!);
        Assert.Equal("Renamed", stored!["2014502"]!.GetValue<string>());
        Assert.Equal(10m, stored["2014503"]!.GetValue<decimal>());
        Assert.Equal(30m, stored["2014504"]!.GetValue<decimal>());
        Assert.Equal("https://example.com", stored["2014522"]!.GetValue<string>());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_partial_update_from_a_stale_copy_touches_only_the_changed_fields()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        var created = await deals.CreateAsync(new Deal { DealName = "Shared", Amount = 10, Probability = 30 }, CancellationToken.None);
        var mine = await deals.GetAsync(created.Id!, CancellationToken.None);
        session.Emulator.ReplaceListSnapshot(DealsSnapshotWithRegion());
        using var http = session.RawHttp();
        // Another writer changes other fields after this copy was loaded.
        await PutPartialAsync(http, created.Id!, new JsonObject { ["2014504"] = 80, ["2014522"] = "https://other.example", [RegionFieldId] = "APAC" });

        mine.Amount = 99;
        mine.Probability = mine.Probability; // assigning the same value is not a change
        await deals.UpdateAsync(mine, CancellationToken.None);

        var stored = await session.StoredAsync(Deal.WorkiomListId, created.Id!);
        Assert.Equal(99m, stored!["2014503"]!.GetValue<decimal>());
        Assert.Equal(80m, stored["2014504"]!.GetValue<decimal>());
        Assert.Equal("https://other.example", stored["2014522"]!.GetValue<string>());
        Assert.Equal("APAC", stored[RegionFieldId]!.GetValue<string>());
        Assert.Equal("Shared", stored["2014502"]!.GetValue<string>());
    }

    [Fact(Timeout = 60_000)]
    public async Task Clearing_a_field_in_a_partial_update_clears_only_that_field()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        var created = await deals.CreateAsync(new Deal { DealName = "Clear me", Amount = 10, Probability = 30 }, CancellationToken.None);
        var loaded = await deals.GetAsync(created.Id!, CancellationToken.None);

        loaded.Amount = null;
        await deals.UpdateAsync(loaded, CancellationToken.None);

        var stored = await session.StoredAsync(Deal.WorkiomListId, created.Id!);
        Assert.True(stored!["2014503"] is null);
        Assert.Equal(30m, stored["2014504"]!.GetValue<decimal>());
        Assert.Equal("Clear me", stored["2014502"]!.GetValue<string>());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_refused_write_leaves_the_stored_record_as_it_was()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        var created = await deals.CreateAsync(new Deal { DealName = "Valid", Amount = 10 }, CancellationToken.None);
        string before = (await session.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, created.Id!))!;
        var loaded = await deals.GetAsync(created.Id!, CancellationToken.None);

        loaded.Amount = 11;
        loaded.DealName = null; // required by the list
        var refused = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.ReplaceAsync(loaded, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(refused.ValidationErrors, e => e.Members.Contains("2014502"));
        Assert.Equal(before, await session.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, created.Id!));
        // The refused changes stay pending on the record, so the caller can fix them and try again.
        Assert.Contains(2014503, loaded.GetChangedFieldIds());
    }

    [Fact(Timeout = 60_000)]
    public async Task Replace_through_a_snapshot_that_marks_fields_deleted_keeps_their_values_once_Workiom_restored_them()
    {
        await using var session = await EmulatorSession.StartAsync();
        // The generated Ticket type says four fields are deleted; in Workiom they were restored since.
        session.Emulator.ReplaceListSnapshot(TicketsSnapshotRestored());
        using var http = session.RawHttp();
        var legacy = new JsonObject
        {
            ["3100003"] = "Escalated twice — call before 9:00",
            ["3100004"] = new JsonObject { ["id"] = "6f1e2d3c-0002-4a5b-8c7d-000000000002", ["label"] = "Done" },
            ["3100005"] = new JsonArray(new JsonObject { ["id"] = "6f1e2d3c-0004-4a5b-8c7d-000000000004", ["label"] = "Urgent" }),
            ["3100006"] = new JsonObject { ["id"] = 109725, ["username"] = "Fadi Alsayed" },
        };
        var body = new JsonObject { ["3100001"] = "Printer jam", ["3100002"] = 1 };
        foreach (var (key, value) in legacy)
        {
            body[key] = value!.DeepClone();
        }

        string id = await CreateRawAsync(http, Ticket.WorkiomListId, body);
        var before = (await session.StoredAsync(Ticket.WorkiomListId, id))!;
        var tickets = session.Client.Tickets();

        var loaded = await tickets.GetAsync(id, CancellationToken.None);
        loaded.Priority = 3;
        await tickets.ReplaceAsync(loaded, CancellationToken.None);

        var stored = (await session.StoredAsync(Ticket.WorkiomListId, id))!;
        Assert.Equal(3m, stored["3100002"]!.GetValue<decimal>());
        foreach (var key in legacy.Select(p => p.Key))
        {
            Assert.True(JsonNode.DeepEquals(before[key], stored[key]), $"{key}: {before[key]?.ToJsonString()} became {stored[key]?.ToJsonString()}");
        }

        // A value the user sets on the obsolete property is theirs: it is written.
#pragma warning disable WKM2004
        loaded = await tickets.GetAsync(id, CancellationToken.None);
        loaded.LegacyNotes = "Closed by phone";
        await tickets.UpdateAsync(loaded, CancellationToken.None);
#pragma warning restore WKM2004
        stored = (await session.StoredAsync(Ticket.WorkiomListId, id))!;
        Assert.Equal("Closed by phone", stored["3100003"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(before["3100005"], stored["3100005"]));
    }

    private static async Task<string> CreateRawAsync(HttpClient http, string listId, JsonObject values)
    {
        using var reply = await http.PostAsync(
            $"{ListPath}Create?listId={listId}", new StringContent(values.ToJsonString(), Encoding.UTF8, "application/json"));
        string text = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["result"]!["_id"]!.GetValue<string>();
    }

    /// <summary>The Tickets snapshot the Ticket type is generated from, with its deleted fields restored.</summary>
    private static string TicketsSnapshotRestored()
    {
        var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "lists-get.tickets.json")))!;
        foreach (var field in snapshot["result"]!["fields"]!.AsArray())
        {
            field!["isDeleted"] = false;
        }

        return snapshot.ToJsonString();
    }

    private static async Task PutPartialAsync(HttpClient http, string id, JsonObject values)
    {
        using var reply = await http.PutAsync(
            $"{ListPath}UpdatePartial?listId={Deal.WorkiomListId}&id={id}",
            new StringContent(values.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());
    }

    /// <summary>The checked-in Deals snapshot with one more text field, as if Workiom's list grew after generation.</summary>
    private static string DealsSnapshotWithRegion()
    {
        var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(EmulatorSession.SchemaFolder, "deals.json")))!;
        var list = snapshot["result"] ?? snapshot;
        var fields = list["fields"]!.AsArray();
        var region = fields.First(f => f!["id"]!.GetValue<int>() == 2014522)!.DeepClone().AsObject();
        region["id"] = int.Parse(RegionFieldId, System.Globalization.CultureInfo.InvariantCulture);
        region["name"] = "Region";
        region["dataType"] = 0;
        fields.Add(region);
        return snapshot.ToJsonString();
    }
}
