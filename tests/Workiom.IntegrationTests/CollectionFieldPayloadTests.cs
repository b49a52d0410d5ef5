using System.Text;
using System.Text.Json;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>
/// Generated records create a collection field's list on first access. Whether the list was never
/// touched or handed out empty, the payloads must be the same: a create leaves the field out, a
/// replace sends it as an empty array, a partial update sends nothing for it.
/// </summary>
public class CollectionFieldPayloadTests
{
    private static JsonElement Payload(Deal deal, WorkiomWriteKind kind)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            deal.WriteTo(writer, kind);
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement.Clone();
    }

    private static readonly string TagsKey = Deal.Fields.Tags.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static readonly string WatchersKey = Deal.Fields.Watchers.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_create_leaves_out_collections_never_touched_and_those_handed_out_empty()
    {
        var untouched = new Deal { DealName = "Untouched" };
        var touched = new Deal { DealName = "Touched" };
        Assert.Empty(touched.Tags);
        Assert.Empty(touched.Watchers);

        Assert.False(Payload(untouched, WorkiomWriteKind.Create).TryGetProperty(TagsKey, out _));
        Assert.False(Payload(touched, WorkiomWriteKind.Create).TryGetProperty(TagsKey, out _));
        Assert.False(Payload(touched, WorkiomWriteKind.Create).TryGetProperty(WatchersKey, out _));
    }

    [Fact]
    public void A_replace_sends_every_collection_as_an_array_whether_or_not_it_was_touched()
    {
        var untouched = new Deal();
        var touched = new Deal();
        _ = touched.Tags;

        foreach (var deal in new[] { untouched, touched })
        {
            var tags = Payload(deal, WorkiomWriteKind.Replace).GetProperty(TagsKey);
            Assert.Equal(JsonValueKind.Array, tags.ValueKind);
            Assert.Equal(0, tags.GetArrayLength());
        }
    }

    [Fact]
    public void Reading_an_empty_list_is_not_a_change_and_adding_to_it_is()
    {
        var deal = new Deal();
        deal.AcceptChanges();

        _ = deal.Tags;
        Assert.Equal("{}", Payload(deal, WorkiomWriteKind.Partial).GetRawText());

        deal.Tags.Add(Deal.TagsOption.Known[0]);
        var partial = Payload(deal, WorkiomWriteKind.Partial);
        Assert.Equal(1, partial.GetProperty(TagsKey).GetArrayLength());
    }
}
