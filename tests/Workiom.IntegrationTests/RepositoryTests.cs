using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>Every repository operation, from the generated types over real HTTP to the emulator's store.</summary>
public sealed class RepositoryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly WorkiomUser Admin = new(EmulatorUser.Default.Id, EmulatorUser.Default.FullName);

    [Fact]
    public async Task Create_returns_the_stored_record_with_id_auto_number_and_system_fields()
    {
        using var client = fixture.CreateClient();
        var company = await client.Companies().CreateAsync(new Company { CompanyName = "Create Co", Employees = 12 }, default);

        var first = await client.Deals().CreateAsync(NewDeal("create-1", company), default);
        var second = await client.Deals().CreateAsync(NewDeal("create-2", company), default);

        Assert.False(string.IsNullOrEmpty(first.Id));
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotNull(first.DealNo);
        Assert.Equal(first.DealNo + 1, second.DealNo);
        Assert.Equal(Admin.Id, first.Creator?.Id);
        Assert.NotNull(first.CreationDate);
        Assert.Equal("create-1", first.DealName);
        Assert.Equal(1000m, first.Amount);
        Assert.Equal(Deal.StageOption.Qualified, first.Stage);
        Assert.Equal(company.Id, Assert.Single(first.Company).Id);
        Assert.Equal("Create Co", first.Company[0].Label);
        Assert.Equal(new DateOnly(2025, 6, 30), first.ExpectedClose);
        Assert.Equal(["Send proposal"], first.NextSteps.Select(s => s.Label));
        Assert.False(first.HasChanges);
        Assert.NotNull(await fixture.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, first.Id!));
    }

    [Fact]
    public async Task Get_and_Find_read_a_record_and_tell_a_missing_one()
    {
        using var client = fixture.CreateClient();
        var created = await client.Deals().CreateAsync(NewDeal("get-1", company: null), default);

        var got = await client.Deals().GetAsync(created.Id!, default);
        var found = await client.Deals().FindAsync(created.Id!, default);

        Assert.Equal("get-1", got.DealName);
        Assert.Equal(created.DealNo, got.DealNo);
        Assert.Equal(created.Id, found?.Id);
        Assert.Null(await client.Deals().FindAsync("000000000000000000000000", default));
        await Assert.ThrowsAsync<WorkiomNotFoundException>(() => client.Deals().GetAsync("000000000000000000000000", default));
    }

    [Fact]
    public async Task Update_sends_only_changed_fields_and_null_clears()
    {
        using var client = fixture.CreateClient();
        var deal = await client.Deals().CreateAsync(NewDeal("update-1", company: null), default);

        // Another writer changes a field this copy does not touch; a partial update must leave it alone.
        var other = await client.Deals().GetAsync(deal.Id!, default);
        other.Probability = 75;
        await client.Deals().UpdateAsync(other, default);

        deal.Stage = Deal.StageOption.Won;
        deal.Amount = null;
        Assert.Equal([Deal.Fields.Amount, Deal.Fields.Stage], deal.GetChangedFieldIds().Order());
        var updated = await client.Deals().UpdateAsync(deal, default);

        using var stored = JsonDocument.Parse((await fixture.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, deal.Id!))!);
        var root = stored.RootElement;
        Assert.Equal(75m, root.GetProperty("2014504").GetDecimal());
        Assert.Equal("update-1", root.GetProperty("2014502").GetString());
        Assert.Equal("buyer@example.com", root.GetProperty("2014519").GetString());
        Assert.False(root.TryGetProperty("2014503", out var amount) && amount.ValueKind != JsonValueKind.Null, "Amount was cleared.");
        Assert.Equal(Deal.StageOption.Won, updated.Stage);
        Assert.Null(updated.Amount);
        Assert.Equal(75m, updated.Probability);
        Assert.False(deal.HasChanges);
    }

    [Fact]
    public async Task Replace_keeps_fields_the_snapshot_of_the_client_does_not_know()
    {
        // A private emulator: the list gains a field here, which the shared one must not see.
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { EmulatorFixture.SchemaDirectory } });
        using var client = Clients.For(emulator);
        var deal = await client.Deals().CreateAsync(NewDeal("replace-1", company: null), default);

        var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(EmulatorFixture.SchemaDirectory, "deals.json")))!;
        var list = snapshot["result"] ?? snapshot;
        list["fields"]!.AsArray().Add(new JsonObject
        {
            ["id"] = 2014599,
            ["name"] = "Region",
            ["dataType"] = 0,
            ["isPrimary"] = false,
            ["isRequired"] = false,
            ["isComputed"] = false,
            ["isDeleted"] = false,
        });
        emulator.ReplaceListSnapshot(snapshot.ToJsonString());
        await WriteRawAsync(emulator, deal.Id!, """{"2014599":"EMEA"}""");

        var old = await client.Deals().GetAsync(deal.Id!, default);
        Assert.True(old.UnknownFields.ContainsKey("2014599"));
        old.DealName = "replace-1 renamed";
        old.Amount = null;
        await client.Deals().ReplaceAsync(old, default);

        using var stored = JsonDocument.Parse((await emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, deal.Id!))!);
        Assert.Equal("EMEA", stored.RootElement.GetProperty("2014599").GetString());
        Assert.Equal("replace-1 renamed", stored.RootElement.GetProperty("2014502").GetString());
        Assert.False(stored.RootElement.TryGetProperty("2014503", out var amount) && amount.ValueKind != JsonValueKind.Null, "Replace cleared the emptied Amount.");
    }

    [Fact]
    public async Task Replace_refuses_a_projected_record_and_sends_nothing()
    {
        using var client = fixture.CreateClient();
        var deal = await client.Deals().CreateAsync(NewDeal("projected-1", company: null), default);

        var projected = await client.Deals().Where(d => d.DealName == "projected-1").Project(d => d.DealName).FirstOrDefaultAsync();
        Assert.NotNull(projected);
        Assert.True(projected.IsProjected);
        projected.DealName = "projected-1 renamed";

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.Deals().ReplaceAsync(projected, default));
        var stored = await client.Deals().GetAsync(deal.Id!, default);
        Assert.Equal("projected-1", stored.DealName);
        Assert.Equal(1000m, stored.Amount);

        // A partial update of a projected record is safe: it sends only the changed field.
        await client.Deals().UpdateAsync(projected, default);
        stored = await client.Deals().GetAsync(deal.Id!, default);
        Assert.Equal("projected-1 renamed", stored.DealName);
        Assert.Equal(1000m, stored.Amount);
    }

    [Fact]
    public async Task Delete_removes_the_record_from_the_store()
    {
        using var client = fixture.CreateClient();
        var deal = await client.Deals().CreateAsync(NewDeal("delete-1", company: null), default);
        var keep = await client.Deals().CreateAsync(NewDeal("delete-2", company: null), default);

        await client.Deals().DeleteAsync(deal.Id!, default);

        Assert.Null(await fixture.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, deal.Id!));
        Assert.Null(await client.Deals().FindAsync(deal.Id!, default));
        Assert.NotNull(await client.Deals().FindAsync(keep.Id!, default));
    }

    [Fact]
    public async Task A_file_uploads_attaches_to_a_record_and_downloads_byte_for_byte()
    {
        using var client = fixture.CreateClient();
        var deal = await client.Deals().CreateAsync(NewDeal("file-1", company: null), default);
        byte[] content = Encoding.UTF8.GetBytes("%PDF-1.4\n% master services agreement\n" + new string('x', 70_000));

        WorkiomFile uploaded;
        using (var stream = new MemoryStream(content))
        {
            uploaded = await client.UploadFileAsync(stream, "msa.pdf", "application/pdf", default);
        }

        deal.Contract.Add(uploaded);
        await client.Deals().UpdateAsync(deal, default);
        var stored = await client.Deals().GetAsync(deal.Id!, default);
        var attached = Assert.Single(stored.Contract);
        Assert.Equal("msa.pdf", attached.FileName);
        Assert.Equal(content.Length, attached.Size);

        await using var download = await client.DownloadFileAsync(attached.Id!, default);
        var bytes = new MemoryStream();
        await download.CopyToAsync(bytes);
        Assert.Equal(content, bytes.ToArray());
    }

    internal static Deal NewDeal(string name, Company? company)
    {
        var deal = new Deal
        {
            DealName = name,
            Amount = 1000m,
            Probability = 10,
            Stage = Deal.StageOption.Qualified,
            ContactEmail = "buyer@example.com",
            ExpectedClose = new DateOnly(2025, 6, 30),
            NextSteps = { new CheckListItem("Send proposal") },
        };
        if (company is not null)
        {
            deal.Company.Add(company);
        }

        return deal;
    }

    /// <summary>Writes a record the way another Workiom client would, for fields the generated type lacks.</summary>
    internal static async Task WriteRawAsync(WorkiomEmulator emulator, string recordId, string body)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", emulator.ApiKey);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(
            $"api/services/app/Data/UpdatePartial?listId={Deal.WorkiomListId}&id={recordId}", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
