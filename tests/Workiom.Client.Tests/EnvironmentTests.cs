using System.Text;
using System.Text.Json;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;
using Workiom.Http;
using Workiom.Queries;
using Workiom.Schema;

namespace Workiom.Client.Tests;

/// <summary>
/// The same Deal type run against the "staging" tenant (tests/Fixtures/staging: new list, field, option and
/// view ids; "Deal Name" renamed "Title" and mapped; Website, the Lost option and the board view have no match).
/// Payload goldens are the files in Environments/, compared byte for byte.
/// </summary>
public class EnvironmentTests
{
    private const string StagingListId = "7d3e9a10-5b2c-4f61-9e08-2a4c6b8d0e12";
    private const string StagingWon = "e1818389-a77d-468f-92e5-7f47fff6f3b8";
    private const string StagingEnterprise = "e45aadf2-f4f4-4b3b-ba6b-f2d284ec30b5";

    private static CancellationToken Ct => Guard.Token;

    private static TestClient Staging() => new(options => options.Environment = "staging");

    private static WorkiomListEnvironment StagingDeals => Deal.WorkiomEnvironments.Single();

    /// <summary>A record as the staging tenant sends it: its own ids, one key equal to a primary field id that matches nothing there.</summary>
    private const string StagingRecord =
        """{"_id":"r1","3014502":"Acme renewal","3014503":1200.50,"3014505":{"id":"e1818389-a77d-468f-92e5-7f47fff6f3b8","label":"Won","color":"#00aa00"},"3014507":[{"id":"e45aadf2-f4f4-4b3b-ba6b-f2d284ec30b5","label":"Enterprise"}],"2014502":"not a field in staging","3099999":{"kept":[1,2]},"view-635375":{"order":3}}""";

    private static Deal ReadStaging(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return Deal.ReadFrom(ref reader, StagingDeals);
    }

    [Fact]
    public void The_generated_table_lists_staging_with_its_matched_ids_only()
    {
        var staging = StagingDeals;
        Assert.Equal("staging", staging.Name);
        Assert.Equal(StagingListId, staging.ListId);
        Assert.True(staging.TryGetFieldId(Deal.Fields.DealName, out int title));
        Assert.Equal(3014502, title);
        Assert.False(staging.TryGetFieldId(Deal.Fields.Website, out _));
        Assert.False(staging.TryGetOptionId(Deal.Fields.Stage, Deal.StageOption.Lost.Id, out _));
        Assert.False(staging.TryGetViewId(Deal.Views.OpenPipelineBoard.Id, out _));
    }

    [Fact]
    public void A_record_read_in_staging_speaks_primary_ids()
    {
        var deal = ReadStaging(StagingRecord);

        Assert.Equal("r1", deal.Id);
        Assert.Equal("Acme renewal", deal.DealName);
        Assert.Equal(1200.50m, deal.Amount);
        Assert.True(deal.Stage == Deal.StageOption.Won);
        Assert.Equal(Deal.StageOption.Won.Id, deal.Stage!.Id);
        Assert.Equal([Deal.TagsOption.Enterprise], deal.Tags);
        // A key equal to a primary field id that matches nothing in staging is not that field: kept as read.
        Assert.Equal("not a field in staging", deal.UnknownFields["2014502"].GetString());
        Assert.Equal("""{"kept":[1,2]}""", deal.UnknownFields["3099999"].GetRawText());
        Assert.False(deal.UnknownFields.ContainsKey("3014502"));
        Assert.False(deal.HasChanges);
    }

    [Fact]
    public void A_record_read_in_staging_goes_back_to_staging_with_every_value_as_read()
    {
        var deal = ReadStaging(StagingRecord);

        string written = Write(deal, WorkiomWriteKind.Replace, StagingDeals);

        using var input = JsonDocument.Parse(StagingRecord);
        using var output = JsonDocument.Parse(written);
        foreach (var property in input.RootElement.EnumerateObject())
        {
            if (property.Name is "_id" || property.Name.StartsWith("view-", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(output.RootElement.TryGetProperty(property.Name, out var value), property.Name + " was not written back");
            Assert.Equal(property.Value.GetRawText(), value.GetRawText());
        }

        // Nothing is written under a primary id, and the field without a match (Website) is not written at all.
        Assert.DoesNotContain(output.RootElement.EnumerateObject(), p => p.Name.StartsWith("20145", StringComparison.Ordinal) && p.Name != "2014502");
        Golden.Equal("replace.staging.json", written);
    }

    [Fact]
    public void An_option_the_user_picks_is_written_with_its_staging_id()
    {
        var deal = ReadStaging(StagingRecord);
        deal.Stage = Deal.StageOption.Qualified;
        deal.DealName = "Acme renewal 2";

        string written = Write(deal, WorkiomWriteKind.Partial, StagingDeals);

        Golden.Equal("updatepartial.staging.json", written);
    }

    [Fact]
    public async Task Create_replace_and_update_send_staging_keys_to_the_staging_list()
    {
        using var test = Staging();
        test.Server.ReplyEnvelope("""{"_id":"new1","3014502":"Globex"}""");
        test.Server.ReplyEnvelope(StagingRecord);
        test.Server.ReplyEnvelope(StagingRecord);

        var created = await test.Deals.CreateAsync(NewDeal(), Ct);
        Assert.Equal("Globex", created.DealName);

        var read = ReadStaging(StagingRecord);
        await test.Deals.ReplaceAsync(read, Ct);
        read.Amount = 99m;
        read.Tags.Add(Deal.TagsOption.SMB);
        await test.Deals.UpdateAsync(read, Ct);

        Assert.Equal(StagingListId, test.Deals.ListId);
        Assert.All(test.Server.Requests, r => Assert.Equal(StagingListId, r.Query("listId")));
        Golden.Equal("create.staging.json", test.Server.Requests[0].Body!);
        Golden.Equal("replace.repository.staging.json", test.Server.Requests[1].Body!);
        Golden.Equal("updatepartial.repository.staging.json", test.Server.Requests[2].Body!);
    }

    [Fact]
    public async Task Get_and_delete_address_the_staging_list()
    {
        using var test = Staging();
        test.Server.ReplyEnvelope(StagingRecord);
        test.Server.ReplyEnvelope("null");

        var deal = await test.Deals.GetAsync("r1", Ct);
        await test.Deals.DeleteAsync("r1", Ct);

        Assert.True(deal.Stage == Deal.StageOption.Won);
        Assert.All(test.Server.Requests, r => Assert.Equal(StagingListId, r.Query("listId")));
    }

    [Fact]
    public async Task Data_All_bodies_use_staging_list_field_option_and_view_ids()
    {
        using var test = Staging();
        for (int i = 0; i < 4; i++)
        {
            test.Server.ReplyEnvelope("""{"totalCount":1,"items":[""" + StagingRecord + "]}");
        }

        var text = await test.Deals.Where(d => d.DealName == "Acme" && d.ContactEmail.Contains("@acme")).OrderByDescending(d => d.Amount).Take(5).ToListAsync(Ct);
        await test.Deals.Where(d => d.Stage.In(Deal.StageOption.Won, Deal.StageOption.Qualified) && d.Tags.In(Deal.TagsOption.Enterprise)).ToListAsync(Ct);
        await test.Deals.Where(d => d.Company.Is("67691cd5f8193dc8b9430e98")).Select(d => new IWorkiomField[] { d.DealName, d.Stage }).ToListAsync(Ct);
        await test.Deals.View(Deal.Views.AllDeals).Where(d => d.Amount > 10m).OrderBy(d => d.DealName).ToListAsync(Ct);

        Assert.True(text.Single().Stage == Deal.StageOption.Won);
        Golden.Equal("data-all.text.staging.json", test.Server.Requests[0].Body!);
        Golden.Equal("data-all.select.staging.json", test.Server.Requests[1].Body!);
        Golden.Equal("data-all.link-projection.staging.json", test.Server.Requests[2].Body!);
        Golden.Equal("data-all.view.staging.json", test.Server.Requests[3].Body!);
    }

    [Fact]
    public async Task A_value_in_a_field_with_no_match_in_staging_is_refused_before_anything_is_sent()
    {
        using var test = Staging();
        var deal = NewDeal();
        deal.Website = "https://globex.example";

        var error = await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => test.Deals.CreateAsync(deal, Ct));

        Assert.Contains("Website", error.Message, StringComparison.Ordinal);
        Assert.Contains("staging", error.Message, StringComparison.Ordinal);
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public async Task An_option_with_no_match_in_staging_is_refused_before_anything_is_sent()
    {
        using var test = Staging();
        var deal = ReadStaging(StagingRecord);
        deal.Stage = Deal.StageOption.Lost;

        var error = await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => test.Deals.UpdateAsync(deal, Ct));

        Assert.Contains("Lost", error.Message, StringComparison.Ordinal);
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public void An_empty_field_with_no_match_is_simply_not_written()
    {
        var deal = ReadStaging(StagingRecord);
        deal.Website = null;

        string partial = Write(deal, WorkiomWriteKind.Partial, StagingDeals);
        string replace = Write(deal, WorkiomWriteKind.Replace, StagingDeals);

        Assert.Equal("{}", partial);
        Assert.DoesNotContain("2014522", replace, StringComparison.Ordinal);
        Assert.DoesNotContain("3014522", replace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_on_a_field_option_or_view_with_no_match_are_refused_before_anything_is_sent()
    {
        using var test = Staging();

        await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => test.Deals.Where(d => d.Website == "x").ToListAsync(Ct));
        await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => test.Deals.Where(d => d.Stage == Deal.StageOption.Lost).ToListAsync(Ct));
        await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => test.Deals.OrderBy(d => d.Website).ToListAsync(Ct));
        await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => test.Deals.Query().Select(d => new IWorkiomField[] { d.Website }).ToListAsync(Ct));
        await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => test.Deals.View(Deal.Views.OpenPipelineBoard).ToListAsync(Ct));
        await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => test.Deals.ToListAsync(new FixedQuery(), Ct));
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public void An_environment_the_list_does_not_have_is_named_with_the_ones_it_has()
    {
        using var test = new TestClient(options => options.Environment = "production");

        var error = Assert.Throws<WorkiomEnvironmentException>(() => test.Deals);

        Assert.Contains("production", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"staging\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Deals", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("STAGING")]
    [InlineData("Staging")]
    public void Environment_names_compare_case_insensitively(string name)
    {
        using var test = new TestClient(options => options.Environment = name);
        Assert.Equal(StagingListId, test.Deals.ListId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("default")]
    [InlineData("Default")]
    public void The_primary_environment_uses_the_snapshot_ids(string? name)
    {
        using var test = new TestClient(options => options.Environment = name);
        Assert.Equal(Deal.WorkiomListId, test.Deals.ListId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("stag ing")]
    [InlineData("staging/../x")]
    [InlineData("ünïcode")]
    public void An_environment_name_outside_the_rule_is_refused(string name)
    {
        var options = new WorkiomClientOptions { ApiKey = "k", Environment = name };
        Assert.Throws<WorkiomConfigurationException>(() => options.Validate());
        options.Environment = new string('a', 65);
        Assert.Throws<WorkiomConfigurationException>(() => options.Validate());
        options.Environment = new string('a', 64);
        options.Validate();
    }

    [Fact]
    public void Payloads_of_the_primary_environment_are_unchanged_by_environments()
    {
        var deal = NewDeal();
        Assert.Equal(Write(deal, WorkiomWriteKind.Create, null), Write(deal, WorkiomWriteKind.Create, environment: null));
        Assert.Contains("\"2014502\":\"Globex\"", Write(deal, WorkiomWriteKind.Create, null), StringComparison.Ordinal);
    }

    private static Deal NewDeal()
    {
        var deal = new Deal { DealName = "Globex", Amount = 5000m, Stage = Deal.StageOption.Won, Source = Deal.SourceOption.Referral };
        deal.Tags.Add(Deal.TagsOption.Enterprise);
        deal.Company.Add("67691cd5f8193dc8b9430e98", "Acme Corp");
        return deal;
    }

    private static string Write(Deal deal, WorkiomWriteKind kind, WorkiomListEnvironment? environment)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            deal.WriteTo(writer, kind, null, environment);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Golden payload files beside this test, compared byte for byte; a missing or different one leaves a .received file.</summary>
    private static class Golden
    {
        // Found from the test's output folder, not from the compiler's source path: CI builds map source paths to /_/.
        private static readonly string Folder = FindFolder();

        public static void Equal(string name, string actual)
        {
            string path = Path.Combine(Folder, name);
            byte[] actualBytes = Encoding.UTF8.GetBytes(actual);
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(actualBytes))
            {
                return;
            }

            File.WriteAllBytes(path + ".received", actualBytes);
            Assert.Fail("The payload differs from the golden " + name + " (or it is missing): see " + name + ".received beside it.\n" + actual);
        }

        private static string FindFolder()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Generators.sln")))
            {
                directory = directory.Parent;
            }

            return directory is null
                ? throw new InvalidOperationException("Generators.sln not found above " + AppContext.BaseDirectory)
                : Path.Combine(directory.FullName, "tests", "Workiom.Client.Tests", "Environments");
        }
    }
}
