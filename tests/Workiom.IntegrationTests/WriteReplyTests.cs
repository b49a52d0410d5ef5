using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator;
using Workiom.Http;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>
/// What an update returns, over real HTTP, for both shapes of reply Workiom may give: the whole record
/// (what the emulator answers) and only the keys that were sent (a handler cuts the emulator's reply
/// down to them). Also: on a projected record, clearing a field the projection left out reaches the store.
/// </summary>
public sealed class WriteReplyTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly WorkiomUser Admin = new(EmulatorUser.Default.Id, EmulatorUser.Default.FullName);

    [Fact]
    public async Task An_update_reply_with_only_the_sent_keys_keeps_the_records_other_values_and_a_later_replace_loses_nothing()
    {
        using var trimming = new SentKeysOnlyHandler();
        using var client = new WorkiomClient(ClientOptions(), trimming);
        var company = await client.Companies().CreateAsync(new Company { CompanyName = "Reply Co" }, default);
        var created = await client.Deals().CreateAsync(FullDeal("reply-partial", company), default);
        var loaded = await client.Deals().GetAsync(created.Id!, default);

        loaded.Amount = 2000m;
        var updated = await client.Deals().UpdateAsync(loaded, default);

        Assert.Equal(1, trimming.Trimmed);
        Assert.Equal(2000m, updated.Amount);
        Assert.Equal("reply-partial", updated.DealName);
        Assert.Equal(Deal.StageOption.Qualified, updated.Stage);
        Assert.Equal(company.Id, Assert.Single(updated.Company).Id);
        Assert.Equal(Admin.Id, updated.Owner?.Id);
        Assert.Equal([Deal.TagsOption.Enterprise], updated.Tags);
        Assert.Equal("https://reply.example", updated.Website);
        Assert.False(updated.IsProjected);

        updated.Probability = 20m;
        await client.Deals().ReplaceAsync(updated, default);

        using var stored = JsonDocument.Parse((await fixture.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, created.Id!))!);
        var root = stored.RootElement;
        Assert.Equal("reply-partial", root.GetProperty("2014502").GetString());
        Assert.Equal(2000m, root.GetProperty("2014503").GetDecimal());
        Assert.Equal(20m, root.GetProperty("2014504").GetDecimal());
        Assert.Equal("Qualified", root.GetProperty("2014505").GetProperty("label").GetString());
        Assert.Equal("Enterprise", root.GetProperty("2014507")[0].GetProperty("label").GetString());
        Assert.Equal(company.Id, root.GetProperty("2014508")[0].GetProperty("_id").GetString());
        Assert.Equal(Admin.Id, long.Parse(root.GetProperty("2014509").GetProperty("id").ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("https://reply.example", root.GetProperty("2014522").GetString());
        Assert.Equal("Send proposal", root.GetProperty("2014524")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_projected_record_updated_with_a_reply_of_only_the_sent_keys_stays_projected()
    {
        using var trimming = new SentKeysOnlyHandler();
        using var client = new WorkiomClient(ClientOptions(), trimming);
        var created = await client.Deals().CreateAsync(FullDeal("reply-projected-partial", company: null), default);
        var projected = await client.Deals().Where(d => d.DealName == "reply-projected-partial").Project(d => d.DealName).FirstOrDefaultAsync();
        Assert.NotNull(projected);

        projected.Amount = 3000m;
        var updated = await client.Deals().UpdateAsync(projected, default);

        Assert.True(updated.IsProjected);
        Assert.Equal([Deal.Fields.DealName, Deal.Fields.Amount], updated.LoadedFieldIds!.Order());
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.Deals().ReplaceAsync(updated, default));
        var stored = await client.Deals().GetAsync(created.Id!, default);
        Assert.Equal("https://reply.example", stored.Website);
        Assert.Equal(3000m, stored.Amount);
    }

    [Fact]
    public async Task An_update_reply_with_the_whole_record_refreshes_it_and_makes_a_projected_record_whole()
    {
        using var client = fixture.CreateClient();
        var created = await client.Deals().CreateAsync(FullDeal("reply-whole", company: null), default);
        var mine = await client.Deals().GetAsync(created.Id!, default);
        var other = await client.Deals().GetAsync(created.Id!, default);
        other.Probability = 75m;
        await client.Deals().UpdateAsync(other, default);

        mine.Amount = 4000m;
        var updated = await client.Deals().UpdateAsync(mine, default);

        Assert.Equal(4000m, updated.Amount);
        Assert.Equal(75m, updated.Probability);   // the other writer's value, from the whole reply

        var projected = await client.Deals().Where(d => d.DealName == "reply-whole").Project(d => d.DealName).FirstOrDefaultAsync();
        Assert.NotNull(projected);
        projected.DealName = "reply-whole renamed";
        var whole = await client.Deals().UpdateAsync(projected, default);

        Assert.False(whole.IsProjected);
        Assert.Equal("https://reply.example", whole.Website);
        whole.Probability = 80m;
        await client.Deals().ReplaceAsync(whole, default);
        var stored = await client.Deals().GetAsync(created.Id!, default);
        Assert.Equal(("reply-whole renamed", 4000m, 80m, "https://reply.example"), (stored.DealName, stored.Amount, stored.Probability, stored.Website));
    }

    [Fact]
    public async Task On_a_projected_record_clearing_fields_the_projection_left_out_clears_them_in_the_store()
    {
        using var client = fixture.CreateClient();
        var company = await client.Companies().CreateAsync(new Company { CompanyName = "Clear Co" }, default);
        var created = await client.Deals().CreateAsync(FullDeal("projected-clear", company), default);
        var projected = await client.Deals().Where(d => d.DealName == "projected-clear").Project(d => d.DealName).FirstOrDefaultAsync();
        Assert.NotNull(projected);
        Assert.Null(projected.Amount);   // left out by the projection, not empty in Workiom

        projected.Amount = null;
        projected.Stage = null;
        projected.Owner = null;
        projected.Tags.Clear();
        projected.Company.Clear();
        Assert.True(projected.HasChanges);
        await client.Deals().UpdateAsync(projected, default);

        using var stored = JsonDocument.Parse((await fixture.Emulator.GetStoredRecordJsonAsync(Deal.WorkiomListId, created.Id!))!);
        var root = stored.RootElement;
        bool IsEmpty(string key) => !root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);
        Assert.All(new[] { "2014503", "2014505", "2014507", "2014508", "2014509" }, key => Assert.True(IsEmpty(key), key + " was cleared"));
        Assert.Equal("projected-clear", root.GetProperty("2014502").GetString());
        Assert.Equal("https://reply.example", root.GetProperty("2014522").GetString());
    }

    private WorkiomClientOptions ClientOptions() => new()
    {
        BaseUrl = fixture.Emulator.BaseAddress.ToString(),
        ApiKey = fixture.Emulator.ApiKey,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static Deal FullDeal(string name, Company? company)
    {
        var deal = RepositoryTests.NewDeal(name, company);
        deal.Owner = Admin;
        deal.Tags.Add(Deal.TagsOption.Enterprise);
        deal.Website = "https://reply.example";
        return deal;
    }

    /// <summary>
    /// Passes calls to the emulator, and cuts the record in a Data/UpdatePartial reply down to <c>_id</c>
    /// and the keys the request sent, as a tenant that answers with the changed keys only would.
    /// </summary>
    private sealed class SentKeysOnlyHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public int Trimmed { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))?.AsObject();
            var response = await base.SendAsync(request, cancellationToken);
            if (sent is null || !request.RequestUri!.AbsolutePath.EndsWith("/Data/UpdatePartial", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            var record = envelope["result"]!.AsObject();
            foreach (var key in record.Select(p => p.Key).ToList())
            {
                if (key != "_id" && !sent.ContainsKey(key))
                {
                    record.Remove(key);
                }
            }

            Trimmed++;
            var trimmed = new StringContent(envelope.ToJsonString());
            trimmed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            response.Content = trimmed;
            return response;
        }
    }
}
