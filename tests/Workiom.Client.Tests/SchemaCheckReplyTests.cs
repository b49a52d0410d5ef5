using Workiom.Client.Tests.Fakes;
using Workiom.Schema;

namespace Workiom.Client.Tests;

/// <summary>What the schema check asks Workiom, and how it treats a reply it cannot compare.</summary>
public sealed class SchemaCheckReplyTests
{
    private static readonly WorkiomListSchema Deals = new("l1", "Deals", new[] { new WorkiomFieldSchema(1, "Name", WorkiomDataType.Text, WorkiomFieldFlags.None, null) }, Array.Empty<WorkiomViewSchema>());

    [Fact]
    public async Task The_check_asks_for_fields_system_fields_views_and_filters()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope("""{ "id": "l1", "name": "Deals", "fields": [ { "id": 1, "name": "Name", "dataType": 0 } ], "views": [] }""");

        var report = await test.Client.CheckSchemasAsync(new[] { Deals });

        Assert.False(report.HasDrift);
        var request = Assert.Single(test.Server.Requests);
        Assert.Equal("/api/services/app/Lists/Get", request.Uri.AbsolutePath);
        Assert.Equal("?id=l1&expand=Fields&expand=Views&expand=Filters&includeSystemFields=true", request.Uri.Query);
    }

    [Theory]
    [InlineData("""{ "id": "l1", "name": "Deals" }""", "has no fields")]
    [InlineData("""null""", "holds no list")]
    [InlineData("""{ "id": "l1", "fields": [ { "id": 1, "name": "Name\ud800", "dataType": 0 } ] }""", "not valid Unicode")]
    public async Task A_reply_that_cannot_be_compared_is_an_invalid_reply(string result, string expected)
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope(result);

        var failure = await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Client.CheckSchemasAsync(new[] { Deals }));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClient.ApiKey, failure.Message, StringComparison.Ordinal);
    }
}
