using System.Text;
using System.Text.Json;
using Workiom.Serialization;

namespace Workiom.Client.Tests;

/// <summary>
/// The collection writers index lists (no enumerator allocated) and enumerate anything else; both
/// paths must write the same array.
/// </summary>
public class JsonWriterCollectionTests
{
    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IEnumerable<T> Lazily<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }

    [Fact]
    public void Users_from_a_list_and_from_a_sequence_write_the_same_array()
    {
        var users = new List<WorkiomUser> { new(7, "Ada Lovelace", "ada@example.com"), new(9, null, null) };

        string fromList = Write(w => WorkiomJsonWriter.WriteUsers(w, users, UserWriteShape.IdAndUserName));
        string fromSequence = Write(w => WorkiomJsonWriter.WriteUsers(w, Lazily(users), UserWriteShape.IdAndUserName));

        Assert.Equal("""[{"id":7,"username":"Ada Lovelace"},{"id":9}]""", fromList);   // no name known: no username key, never null
        Assert.Equal(fromList, fromSequence);
    }

    [Fact]
    public void Check_list_items_from_a_list_and_from_a_sequence_write_the_same_array()
    {
        var items = new List<CheckListItem> { new("Call back", true), new("Send offer") };

        string fromList = Write(w => WorkiomJsonWriter.WriteCheckList(w, items));
        string fromSequence = Write(w => WorkiomJsonWriter.WriteCheckList(w, Lazily(items)));

        Assert.Equal("""[{"label":"Call back","check":true},{"label":"Send offer","check":false}]""", fromList);
        Assert.Equal(fromList, fromSequence);
    }

    [Fact]
    public void Files_from_a_list_and_from_a_sequence_write_the_same_array()
    {
        var files = new List<WorkiomFile> { new("contract.pdf") { Id = "f1", ContentType = "application/pdf", Size = 1234 } };

        string fromList = Write(w => WorkiomJsonWriter.WriteFiles(w, files));
        string fromSequence = Write(w => WorkiomJsonWriter.WriteFiles(w, Lazily(files)));

        Assert.Contains("\"_id\":\"f1\"", fromList, StringComparison.Ordinal);
        Assert.Contains("\"FileName\":\"contract.pdf\"", fromList, StringComparison.Ordinal);
        Assert.Contains("\"Size\":1234", fromList, StringComparison.Ordinal);
        Assert.Equal(fromList, fromSequence);
    }

    [Fact]
    public void Null_and_empty_collections_write_an_empty_array()
    {
        Assert.Equal("[]", Write(w => WorkiomJsonWriter.WriteUsers(w, null, UserWriteShape.Id)));
        Assert.Equal("[]", Write(w => WorkiomJsonWriter.WriteCheckList(w, new List<CheckListItem>())));
        Assert.Equal("[]", Write(w => WorkiomJsonWriter.WriteLinks(w, new LinkList(), LinkWriteShape.IdAndLabel)));
    }
}
