using System.Text;
using System.Text.Json;
using Workiom.Client.Tests.TestRecords;
using Workiom.Schema;

namespace Workiom.Client.Tests;

/// <summary>Staging payloads whose ids collide with the primary ones, and writes that mix read and new values.</summary>
public class EnvironmentHostileTests
{
    private static WorkiomListEnvironment StagingDeals => Deal.WorkiomEnvironments.Single();

    private static Deal ReadStaging(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return Deal.ReadFrom(ref reader, StagingDeals);
    }

    private static string Write(Deal deal, WorkiomWriteKind kind)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            deal.WriteTo(writer, kind, null, StagingDeals);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void A_staging_option_whose_id_is_another_primary_options_id_is_not_that_option()
    {
        // Staging has an option the primary list does not know, whose id happens to be the primary id of Won.
        string json = "{\"_id\":\"r1\",\"3014505\":{\"id\":\"" + Deal.StageOption.Won.Id + "\",\"label\":\"Archived\"}}";

        var deal = ReadStaging(json);

        Assert.NotEqual(Deal.StageOption.Won, deal.Stage);
        Assert.Equal("Archived", deal.Stage!.Label);
    }

    [Fact]
    public void Options_read_in_staging_mixed_with_options_the_user_adds_keep_their_staging_ids()
    {
        const string json = """{"_id":"r1","3014507":[{"id":"e45aadf2-f4f4-4b3b-ba6b-f2d284ec30b5","label":"Enterprise","color":"#123"},{"id":"staging-only","label":"Only here"}]}""";
        var deal = ReadStaging(json);
        var added = Deal.TagsOption.Renewal;
        Assert.True(StagingDeals.TryGetOptionId(Deal.Fields.Tags, added.Id, out string renewalThere));

        deal.Tags.Add(added);
        string written = Write(deal, WorkiomWriteKind.Partial);

        using var document = JsonDocument.Parse(written);
        var tags = document.RootElement.GetProperty("3014507");
        Assert.Equal(3, tags.GetArrayLength());
        Assert.Equal("""{"id":"e45aadf2-f4f4-4b3b-ba6b-f2d284ec30b5","label":"Enterprise","color":"#123"}""", tags[0].GetRawText());
        Assert.Equal("""{"id":"staging-only","label":"Only here"}""", tags[1].GetRawText());
        Assert.Equal(renewalThere, tags[2].GetProperty("id").GetString());
        Assert.DoesNotContain(added.Id, written, StringComparison.Ordinal);
    }
}
