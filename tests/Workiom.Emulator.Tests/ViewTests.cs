using System.Net;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

/// <summary>Data/All with a <c>viewId</c>: the saved view's stored filters and the body's both apply, and the summary covers what matched.</summary>
public sealed class ViewTests(SeededEmulator seeded) : IClassFixture<SeededEmulator>
{
    /// <summary>"Open pipeline (board)" in the Deals snapshot: Stage not in Won, Lost.</summary>
    private const long OpenPipeline = 535376;

    /// <summary>"All deals": no filters.</summary>
    private const long AllDeals = 535375;

    private TestEmulator Host => seeded.Host;

    private static JsonObject Body(long? viewId, params JsonObject[] filters)
    {
        var body = new JsonObject { ["listId"] = Ids.Deals, ["filter"] = new JsonArray(filters), ["maxResultCount"] = 100, ["skipCount"] = 0 };
        if (viewId is not null)
        {
            body["viewId"] = viewId;
        }

        return body;
    }

    private async Task<(List<string> Names, long Total, JsonObject Summary)> RunAsync(JsonObject body)
    {
        var reply = await Host.DataAllAsync(body);
        Assert.True(reply.Success, reply.ErrorMessage);
        var names = reply.Result!["items"]!.AsArray().Select(i => seeded.NameOf(i!["_id"]!.GetValue<string>())).Order().ToList();
        return (names, reply.Result!["totalCount"]!.GetValue<long>(), reply.Result!["summary"]!.AsObject());
    }

    [Fact]
    public async Task A_view_applies_its_stored_filters()
    {
        var (names, total, summary) = await RunAsync(Body(OpenPipeline));

        Assert.Equal(["D1", "D2", "D4"], names);
        Assert.Equal(3, total);
        Assert.Equal(182500m, summary[Ids.Amount]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_body_filter_narrows_the_view_and_the_summary_follows()
    {
        var amountOver100k = new JsonObject { ["fieldId"] = 2014503, ["operator"] = 5, ["value"] = 100000, ["value2"] = null };
        var (names, total, summary) = await RunAsync(Body(OpenPipeline, amountOver100k));

        Assert.Equal(["D1"], names);
        Assert.Equal(1, total);
        Assert.Equal(120000m, summary[Ids.Amount]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_view_without_filters_and_no_view_match_the_same_records()
    {
        var inView = await RunAsync(Body(AllDeals));
        var withoutView = await RunAsync(Body(null));

        Assert.Equal(["D1", "D2", "D3", "D4"], inView.Names);
        Assert.Equal(withoutView.Names, inView.Names);
        Assert.Equal(227500m, inView.Summary[Ids.Amount]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_unknown_view_is_an_abp_not_found_error()
    {
        var reply = await Host.DataAllAsync(Body(999));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.False(reply.Success);
        Assert.Contains("999", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.True(reply.Envelope["__abp"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_view_of_another_list_is_not_found_in_this_one()
    {
        var body = Body(OpenPipeline);
        body["listId"] = Ids.Companies;

        var reply = await Host.DataAllAsync(body);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }

    [Fact]
    public async Task A_view_id_that_is_not_a_number_is_a_bad_request()
    {
        var body = Body(null);
        body["viewId"] = "open";

        var reply = await Host.DataAllAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("viewId", reply.ErrorMessage, StringComparison.Ordinal);
    }
}
