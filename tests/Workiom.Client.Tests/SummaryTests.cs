using System.Net;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;

namespace Workiom.Client.Tests;

/// <summary>
/// Data/All's <c>summary</c>: no source documents its shape, so every plausible shape is read, and nothing in it
/// that cannot be read fails the page.
/// </summary>
public class SummaryTests
{
    private static CancellationToken Ct => Guard.Token;

    private static TestClient Serving(string summaryJson, Action<Workiom.Http.WorkiomClientOptions>? configure = null)
    {
        var test = new TestClient(configure);
        test.Server.Responder = _ => FakeWorkiom.Json(HttpStatusCode.OK, FakeWorkiom.Envelope(
            "{\"totalCount\":7,\"summary\":" + summaryJson + ",\"items\":[{\"_id\":\"rec1\",\"2014502\":\"Deal 1\",\"2014503\":100}]}"));
        return test;
    }

    public static TheoryData<string, string> Shapes => new()
    {
        { """{"2014503": 227500.5, "2014527": 102500}""", "2014503=227500.5 2014527=102500" },
        { """{"2014503": "227500.5", "2014527": "1e3"}""", "2014503=227500.5 2014527=1000" },
        { """[{"fieldId": 2014503, "value": 227500.5}, {"fieldId": "2014527", "sum": "102500"}]""", "2014503=227500.5 2014527=102500" },
        { """{"2014503": {"sum": 5, "count": 2}, "2014527": {"value": "6"}}""", "2014503=5 2014527=6" },
        { """{"2014503": null, "2014527": 3}""", "2014527=3" },
        { "null", "" },
        { "\"n/a\"", "" },
        { "42", "" },
        { "{}", "" },
        { "[]", "" },
        // Every unreadable entry is left out, the readable ones kept.
        {
            """{"Amount": 1, "-4": 2, "0": 3, "99999999999": 4, "2014503": "abc", "2014504": 1e400, "2014505": [1], "2014506": true, "2014507": {"min": 1}, "2014527": 9}""",
            "2014527=9"
        },
        {
            """[1, "x", null, [], {"value": 1}, {"fieldId": null, "value": 2}, {"fieldId": 2014503}, {"fieldId": -1, "value": 3}, {"fieldId": 2014527, "value": {"nested": true}, "extra": [1, {"a": 2}]}, {"fieldId": 2014504, "total": 8}]""",
            "2014504=8"
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task The_summary_is_read_in_every_shape_and_never_fails_the_page(string summaryJson, string expected)
    {
        using var test = Serving(summaryJson);

        var page = await test.Deals.PageAsync(new FixedQuery(), Ct);

        Assert.Equal(expected, string.Join(" ", page.Summary.Values.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal("Deal 1", Assert.Single(page.Records).DealName);
        Assert.Equal(7, page.TotalCount);
    }

    [Fact]
    public async Task Get_returns_the_total_of_a_field_or_null()
    {
        using var test = Serving("""{"2014503": 227500}""");

        var summary = (await test.Deals.PageAsync(new FixedQuery(), Ct)).Summary;

        Assert.Equal(227500m, summary.Get(Deal.Fields.Amount));
        Assert.Null(summary.Get(Deal.Fields.DealName));
    }

    [Fact]
    public async Task A_reply_without_summary_has_an_empty_one()
    {
        using var test = new TestClient();
        test.Server.Responder = _ => FakeWorkiom.Json(HttpStatusCode.OK, TestClient.Page(1, [1]));

        var page = await test.Deals.PageAsync(new FixedQuery(), Ct);

        Assert.Empty(page.Summary.Values);
        Assert.Null(page.Summary.Get(Deal.Fields.Amount));
    }

    [Fact]
    public async Task A_page_is_one_request_from_skip_for_take_records_or_one_page_size()
    {
        using var test = Serving("{}", options => options.PageSize = 50);

        await test.Deals.PageAsync(new FixedQuery { Skip = 5, Take = 20 }, Ct);
        await test.Deals.PageAsync(new FixedQuery { Skip = 0 }, Ct);
        await test.Deals.PageAsync(new FixedQuery { Take = 80 }, Ct);
        await test.Deals.PageAsync(new FixedQuery { Take = 20_000 }, Ct);
        var none = await test.Deals.PageAsync(new FixedQuery { Take = 0 }, Ct);

        var pages = test.Server.Requests.Select(r => TestClient.BodyOf(r)).Select(b => (b.GetProperty("skipCount").GetInt32(), b.GetProperty("maxResultCount").GetInt32()));
        Assert.Equal([(5, 20), (0, 50), (0, 80), (0, 10_000), (0, 1)], pages);
        Assert.Empty(none.Records);
    }
}
