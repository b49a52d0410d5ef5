using System.Net;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;

namespace Workiom.Client.Tests;

public class EnvelopeAndErrorTests
{
    private static CancellationToken Ct => Guard.Token;

    [Fact]
    public async Task Get_reads_the_record_from_the_envelope_and_addresses_it_by_list_and_id()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, TestClient.FixtureDealEnvelope());

        var deal = await test.Deals.GetAsync("64432f26b032d10001e89d88", Ct);

        Assert.Equal("64432f26b032d10001e89d88", deal.Id);
        Assert.Equal("Acme renewal 2025", deal.DealName);
        Assert.Equal(120000m, deal.Amount);
        Assert.Equal(StageOption.ProposalSent, deal.Stage);
        Assert.Equal("67691cd5f8193dc8b9430e98", Assert.Single(deal.Company).Id);
        Assert.Equal(109725, deal.Owner!.Id);
        Assert.Equal("acme-msa.pdf", Assert.Single(deal.Contract).FileName);
        Assert.Equal(1042, deal.DealNo);
        Assert.True(deal.UnknownFields.ContainsKey(TestClient.AddedNumberField));
        Assert.False(deal.HasChanges);

        var request = Assert.Single(test.Server.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/api/services/app/Data/Get", request.Uri.AbsolutePath);
        Assert.Equal(Deal.WorkiomListId, request.Query("listId"));
        Assert.Equal("64432f26b032d10001e89d88", request.Query("id"));
        Assert.Equal(TestClient.ApiKey, request.ApiKey);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task An_error_envelope_throws_WorkiomApiException_with_Workioms_message(HttpStatusCode status)
    {
        using var test = new TestClient();
        test.Server.ReplyFixture("error.envelope.json", status);

        var error = await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.GetAsync("64432f26b032d10001e89d88", Ct));

        Assert.Equal("Summary field is required", error.Message);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(0, error.ErrorCode);
        Assert.Empty(error.ValidationErrors);
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task Validation_errors_and_details_are_carried_over()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.BadRequest,
            """{"result":null,"success":false,"error":{"code":12,"message":"Your request is not valid!","details":"The following errors were detected.","validationErrors":[{"message":"Amount must be positive","members":["2014503"]}]},"unAuthorizedRequest":false,"__abp":true}""");

        var error = await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.Equal("Your request is not valid!", error.Message);
        Assert.Equal(12, error.ErrorCode);
        Assert.Equal("The following errors were detected.", error.Details);
        var validation = Assert.Single(error.ValidationErrors);
        Assert.Equal("Amount must be positive", validation.Message);
        Assert.Equal(["2014503"], validation.Members);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Http_401_throws_WorkiomAuthenticationException()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.Unauthorized,
            """{"result":null,"success":false,"error":{"code":0,"message":"Current user did not login to the application!"},"unAuthorizedRequest":true,"__abp":true}""");

        var error = await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal("Current user did not login to the application!", error.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task UnAuthorizedRequest_with_http_200_throws_WorkiomAuthenticationException()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, """{"result":null,"success":false,"error":null,"unAuthorizedRequest":true,"__abp":true}""");

        await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => test.Deals.GetAsync("rec1", Ct));
    }

    [Fact]
    public async Task Http_404_throws_WorkiomNotFoundException_with_the_shard_hint()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.NotFound, "<html>Not Found</html>");

        var error = await Assert.ThrowsAsync<WorkiomNotFoundException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Contains("shard", error.Message);
        Assert.Contains("IsTenantAvailable", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Find_returns_null_for_a_missing_record_and_Get_throws()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.NotFound, """{"result":null,"success":false,"error":{"message":"There is no such an entity"},"unAuthorizedRequest":false}""");
        test.Server.ReplyEnvelope("null");

        Assert.Null(await test.Deals.FindAsync("missing", Ct));
        var error = await Assert.ThrowsAsync<WorkiomNotFoundException>(() => test.Deals.GetAsync("missing", Ct));
        Assert.Contains("missing", error.Message);
        Assert.Equal(2, test.Server.Requests.Count);
    }

    [Fact]
    public async Task A_reply_that_is_not_json_throws_WorkiomInvalidReplyException_with_an_excerpt()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, "<html><body>Gateway login page</body></html>");

        var error = await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.StartsWith("<html><body>Gateway login page", error.Excerpt);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task Json_without_an_envelope_throws_WorkiomInvalidReplyException()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, """{"_id":"rec1","2014502":"Bare record"}""");

        await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Deals.GetAsync("rec1", Ct));
    }

    [Fact]
    public async Task The_excerpt_of_an_invalid_reply_never_repeats_a_credential()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, "proxy echo: X-Api-Key=" + TestClient.ApiKey + " rejected");

        var error = await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.DoesNotContain(TestClient.ApiKey, error.Excerpt);
        Assert.Contains("(redacted)", error.Excerpt);
        Assert.DoesNotContain(TestClient.ApiKey, error.ToString());
    }

    [Fact]
    public async Task An_error_status_without_an_envelope_is_a_WorkiomApiException_carrying_the_status()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.InternalServerError, "upstream exploded");

        var error = await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("upstream exploded", error.Details);
    }
}
