using System.Net;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;

namespace Workiom.Client.Tests;

public class QueryExecutionTests
{
    private static CancellationToken Ct => Guard.Token;

    /// <summary>Serves Data/All pages from <paramref name="list"/>, read fresh on every call.</summary>
    private static void ServeList(FakeWorkiom server, Func<int, List<int>> list)
    {
        int call = 0;
        server.Responder = request =>
        {
            Assert.Equal("/api/services/app/Data/All", request.Uri.AbsolutePath);
            var body = TestClient.BodyOf(request);
            int skip = body.GetProperty("skipCount").GetInt32();
            int max = body.GetProperty("maxResultCount").GetInt32();
            var records = list(call++);
            return FakeWorkiom.Json(HttpStatusCode.OK, TestClient.Page(records.Count, records.Skip(skip).Take(max)));
        };
    }

    private static List<(int Skip, int Max)> Pages(FakeWorkiom server) =>
        server.Requests.Select(r =>
        {
            var body = TestClient.BodyOf(r);
            return (body.GetProperty("skipCount").GetInt32(), body.GetProperty("maxResultCount").GetInt32());
        }).ToList();

    [Fact]
    public async Task ToList_pages_with_skipCount_until_totalCount_without_an_extra_call()
    {
        using var test = new TestClient(options => options.PageSize = 2);
        ServeList(test.Server, _ => Enumerable.Range(1, 5).ToList());

        var deals = await test.Deals.ToListAsync(new FixedQuery(), Ct);

        Assert.Equal(["Deal 1", "Deal 2", "Deal 3", "Deal 4", "Deal 5"], deals.Select(d => d.DealName));
        // The last page asks only for what the first page's totalCount says is left.
        Assert.Equal([(0, 2), (2, 2), (4, 1)], Pages(test.Server));
        Assert.All(test.Server.Requests, r => Assert.Equal(HttpMethod.Post, r.Method));
        Assert.Equal(Deal.WorkiomListId, TestClient.BodyOf(test.Server.Requests[0]).GetProperty("listId").GetString());
    }

    [Fact]
    public async Task A_list_that_fills_whole_pages_ends_at_totalCount()
    {
        using var test = new TestClient(options => options.PageSize = 2);
        ServeList(test.Server, _ => Enumerable.Range(1, 4).ToList());

        var deals = await test.Deals.ToListAsync(new FixedQuery(), Ct);

        Assert.Equal(4, deals.Count);
        Assert.Equal([(0, 2), (2, 2)], Pages(test.Server));
    }

    [Fact]
    public async Task Skip_and_Take_shape_the_pages()
    {
        using var test = new TestClient(options => options.PageSize = 2);
        ServeList(test.Server, _ => Enumerable.Range(1, 10).ToList());

        var deals = await test.Deals.ToListAsync(new FixedQuery { Skip = 1, Take = 3 }, Ct);

        Assert.Equal(["rec2", "rec3", "rec4"], deals.Select(d => d.Id));
        Assert.Equal([(1, 2), (3, 1)], Pages(test.Server));
    }

    [Fact]
    public async Task Take_zero_sends_nothing()
    {
        using var test = new TestClient();

        Assert.Empty(await test.Deals.ToListAsync(new FixedQuery { Take = 0 }, Ct));
        Assert.Null(await test.Deals.FirstOrDefaultAsync(new FixedQuery { Take = 0 }, Ct));
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public async Task A_list_growing_while_streamed_ends_at_the_total_first_reported()
    {
        using var test = new TestClient(options => options.PageSize = 2);
        // Every call finds ten more records than the last one: paging by the live total would never end.
        ServeList(test.Server, call => Enumerable.Range(1, 4 + (call * 10)).ToList());

        var deals = await test.Deals.ToListAsync(new FixedQuery(), Ct);

        Assert.Equal(["rec1", "rec2", "rec3", "rec4"], deals.Select(d => d.Id));
        Assert.Equal(2, test.Server.Requests.Count);
    }

    [Fact]
    public async Task A_list_shrinking_while_streamed_ends_without_error()
    {
        using var test = new TestClient(options => options.PageSize = 2);
        // Six records on the first call; three are deleted before the second page is read.
        ServeList(test.Server, call => Enumerable.Range(1, call == 0 ? 6 : 3).ToList());

        var deals = await test.Deals.ToListAsync(new FixedQuery(), Ct);

        Assert.Equal(["rec1", "rec2", "rec3"], deals.Select(d => d.Id));
        Assert.Equal([(0, 2), (2, 2)], Pages(test.Server));
    }

    [Fact]
    public async Task A_list_emptied_while_streamed_ends_at_the_empty_page()
    {
        using var test = new TestClient(options => options.PageSize = 2);
        ServeList(test.Server, call => call == 0 ? Enumerable.Range(1, 6).ToList() : new List<int>());

        var deals = await test.Deals.ToListAsync(new FixedQuery(), Ct);

        Assert.Equal(2, deals.Count);
        Assert.Equal(2, test.Server.Requests.Count);
    }

    [Fact]
    public async Task Stream_yields_records_before_the_next_page_is_requested()
    {
        using var test = new TestClient(options => options.PageSize = 2);
        ServeList(test.Server, _ => Enumerable.Range(1, 6).ToList());

        await using var stream = test.Deals.StreamAsync(new FixedQuery(), Ct).GetAsyncEnumerator(Ct);
        Assert.True(await stream.MoveNextAsync());
        Assert.True(await stream.MoveNextAsync());
        Assert.Single(test.Server.Requests);
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(2, test.Server.Requests.Count);
    }

    [Fact]
    public async Task Stream_reads_the_fixture_page()
    {
        using var test = new TestClient();
        test.Server.ReplyFixture("data-all.response.deals.json");

        var deals = await test.Deals.ToListAsync(new FixedQuery(), Ct);

        Assert.Equal(2, deals.Count);
        Assert.Equal("Globex pilot", deals[1].DealName);
        Assert.Null(deals[1].Owner);
        Assert.Empty(deals[1].Contract);
        Assert.Equal(StageOption.Qualified, deals[1].Stage);
        Assert.Equal(1043, deals[1].DealNo);
        Assert.Equal([(0, 1000)], Pages(test.Server));
    }

    [Fact]
    public async Task Count_asks_for_one_record_and_reads_totalCount()
    {
        using var test = new TestClient();
        ServeList(test.Server, _ => Enumerable.Range(1, 42).ToList());

        Assert.Equal(42, await test.Deals.CountAsync(new FixedQuery(), Ct));
        Assert.Equal(40, await test.Deals.CountAsync(new FixedQuery { Skip = 2 }, Ct));
        Assert.Equal(5, await test.Deals.CountAsync(new FixedQuery { Skip = 2, Take = 5 }, Ct));
        Assert.Equal(0, await test.Deals.CountAsync(new FixedQuery { Skip = 50 }, Ct));
        Assert.All(Pages(test.Server), page => Assert.Equal(1, page.Max));
    }

    [Fact]
    public async Task FirstOrDefault_returns_the_first_record_or_null()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, TestClient.Page(3, [7]));
        test.Server.Reply(HttpStatusCode.OK, TestClient.Page(0, []));

        var first = await test.Deals.FirstOrDefaultAsync(new FixedQuery { Skip = 4 }, Ct);
        var none = await test.Deals.FirstOrDefaultAsync(new FixedQuery(), Ct);

        Assert.Equal("rec7", first!.Id);
        Assert.Null(none);
        Assert.Equal([(4, 1), (0, 1)], Pages(test.Server));
    }

    [Fact]
    public async Task Projected_records_are_marked_and_cannot_be_replaced()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, TestClient.Page(1, [1]));
        int[] projected = [Deal.Fields.DealName, Deal.Fields.Amount];

        var deal = Assert.Single(await test.Deals.ToListAsync(new FixedQuery { ProjectedFieldIds = projected }, Ct));

        Assert.True(deal.IsProjected);
        Assert.Equal(projected, deal.LoadedFieldIds!.Order());
        Assert.Equal(projected, TestClient.BodyOf(test.Server.Requests[0]).GetProperty("projectedFields").EnumerateArray().Select(e => e.GetInt32()));
        deal.Amount = 1;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => test.Deals.ReplaceAsync(deal, Ct));
        Assert.Contains("projection", error.Message);
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task A_query_of_another_list_is_refused_before_any_request()
    {
        using var test = new TestClient();

        await Assert.ThrowsAsync<ArgumentException>(() => test.Deals.ToListAsync(new FixedQuery { ListId = "another-list" }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => test.Deals.CountAsync(new FixedQuery { Skip = -1 }, Ct));
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public async Task A_page_without_items_object_is_an_invalid_reply()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope("[]");

        await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Deals.ToListAsync(new FixedQuery(), Ct));
    }
}

/// <summary>
/// Every public asynchronous call can be made without a token, as .NET's convention has it
/// (<c>CancellationToken cancellationToken = default</c>), so README's examples compile as written.
/// </summary>
public class OptionalCancellationTokenTests
{
    [Fact]
    public async Task Repository_calls_take_no_token_and_send_an_uncancellable_one()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, TestClient.Page(1, [3]));
        test.Server.Reply(HttpStatusCode.OK, TestClient.Page(5, []));

        var records = await test.Deals.ToListAsync(new FixedQuery());
        int count = await test.Deals.CountAsync(new FixedQuery());

        Assert.Equal("rec3", Assert.Single(records).Id);
        Assert.Equal(5, count);
        Assert.Equal(2, test.Server.Requests.Count);
    }

    [Fact]
    public void Every_public_async_method_of_the_runtime_has_an_optional_token()
    {
        var required = typeof(Workiom.Http.WorkiomClient).Assembly.GetExportedTypes()
            .SelectMany(type => type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance |
                                                System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            .SelectMany(method => method.GetParameters()
                .Where(p => p.ParameterType == typeof(CancellationToken) && !p.HasDefaultValue)
                .Select(_ => $"{method.DeclaringType!.FullName}.{method.Name}"))
            // Stream overrides keep the base class's signature.
            .Where(name => !name.EndsWith(".ReadAsync", StringComparison.Ordinal) && !name.EndsWith(".WriteAsync", StringComparison.Ordinal) &&
                           !name.EndsWith(".FlushAsync", StringComparison.Ordinal) && !name.EndsWith(".CopyToAsync", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(required);
    }
}
