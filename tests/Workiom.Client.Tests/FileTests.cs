using System.Net;
using System.Text;
using Workiom.Client.Tests.Fakes;

namespace Workiom.Client.Tests;

public class FileTests
{
    private static CancellationToken Ct => Guard.Token;

    private const string UploadReply =
        """[{"fileName":"quote.pdf","fileType":"application/pdf","fileToken":"5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e","hasThumbnail":false,"fileUrl":"https://files.example.invalid/quote.pdf","thumbnailUrl":null}]""";

    [Fact]
    public async Task Upload_posts_multipart_and_returns_the_file_token()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope(UploadReply);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.7 quote"));

        var file = await test.Client.UploadFileAsync(content, "quote.pdf", "application/pdf", Ct);

        Assert.Equal("5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e", file.FileToken);
        Assert.Equal("quote.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Null(file.Id);
        Assert.Equal(14, file.Size);
        var request = Assert.Single(test.Server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/File/Upload", request.Uri.AbsolutePath);
        Assert.Equal("multipart/form-data", request.ContentType);
        Assert.Contains("%PDF-1.7 quote", request.Body);
        Assert.Contains("filename=quote.pdf", request.Body);
        Assert.Equal(TestClient.ApiKey, request.ApiKey);
        Assert.True(content.CanRead, "the caller's stream must stay open");
    }

    [Fact]
    public async Task Attaching_an_upload_writes_the_existing_files_too()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, TestClient.FixtureDealEnvelope());
        test.Server.ReplyEnvelope(UploadReply);
        test.Server.ReplyEnvelope("null");
        var deal = await test.Deals.GetAsync("64432f26b032d10001e89d88", Ct);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.7 quote"));

        deal.Contract.Add(await test.Client.UploadFileAsync(content, "quote.pdf", "application/pdf", Ct));
        await test.Deals.UpdateAsync(deal, Ct);

        var body = TestClient.BodyOf(test.Server.Requests[2]);
        Assert.Equal(["2014518"], body.EnumerateObject().Select(p => p.Name));
        var files = body.GetProperty("2014518").EnumerateArray().Select(f => f.GetProperty("_id").GetString()).ToList();
        Assert.Equal(["6644a1f0c2b8a40001a1b2c3", "5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e"], files);
    }

    [Fact]
    public async Task Download_streams_the_stored_file_by_its_id()
    {
        using var test = new TestClient();
        byte[] bytes = [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF];
        test.Server.ReplyBytes(HttpStatusCode.OK, bytes, "application/pdf");

        await using var stream = await test.Client.DownloadFileAsync("6644a1f0c2b8a40001a1b2c3", Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        Assert.Equal(bytes, copy.ToArray());
        var request = Assert.Single(test.Server.Requests);
        Assert.Equal("/File/DownloadFile", request.Uri.AbsolutePath);
        Assert.Equal("6644a1f0c2b8a40001a1b2c3", request.Query("id"));
    }

    [Fact]
    public async Task Download_of_a_missing_file_throws_WorkiomNotFoundException()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.NotFound, "");

        await Assert.ThrowsAsync<WorkiomNotFoundException>(() => test.Client.DownloadFileAsync("nope", Ct));
    }

    private const string Token = "5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e";

    // The file keys without braces, to place under result or beside success.
    private const string FileInfo =
        "\"fileName\":\"quote.pdf\",\"fileType\":\"application/pdf\",\"fileToken\":\"" + Token + "\",\"hasThumbnail\":true,"
        + "\"fileUrl\":\"https://files.example.invalid/quote.pdf\",\"thumbnailUrl\":\"https://files.example.invalid/quote.png\"";

    public static TheoryData<string, string> UploadReplyShapes => new()
    {
        { "result array", """{"result":[{""" + FileInfo + """}],"targetUrl":null,"success":true,"error":null,"unAuthorizedRequest":false,"__abp":true}""" },
        { "result object", """{"result":{""" + FileInfo + """},"targetUrl":null,"success":true,"error":null,"unAuthorizedRequest":false,"__abp":true}""" },
        { "top level, result null", """{"result":null,""" + FileInfo + ""","targetUrl":null,"success":true,"error":null,"unAuthorizedRequest":false,"__abp":true}""" },
        { "top level, no result", """{""" + FileInfo + ""","targetUrl":null,"success":true,"error":null,"unAuthorizedRequest":false,"__abp":true}""" },
        { "top level, result without a file", """{"result":{},""" + FileInfo + ""","success":true}""" },
    };

    [Theory]
    [MemberData(nameof(UploadReplyShapes))]
    public async Task Upload_reads_the_file_info_wherever_the_reply_holds_it(string shape, string reply)
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, reply);
        using var content = new MemoryStream([1, 2, 3]);

        var file = await test.Client.UploadFileAsync(content, "local-name.pdf", "application/octet-stream", Ct);

        Assert.True(Token == file.FileToken, shape);
        Assert.Equal("quote.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.True(file.HasThumbnail, shape);
        Assert.Equal("https://files.example.invalid/quote.pdf", file.FileUrl);
        Assert.Equal("https://files.example.invalid/quote.png", file.ThumbnailUrl);
        Assert.Single(test.Server.Requests);
    }

    public static TheoryData<string, string> UnreadableRepliesWithAToken => new()
    {
        { "token nested under an unknown key", """{"result":{"file":{"fileToken":"5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e"}},"success":true}""" },
        { "token in a nested array", """{"result":[[{"fileToken":"5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e","fileName":"quote.pdf"}]],"success":true}""" },
        { "token under items", """{"result":{"items":[{"fileToken":"5b7e0c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e"}]},"success":true}""" },
    };

    [Theory]
    [MemberData(nameof(UnreadableRepliesWithAToken))]
    public async Task An_unreadable_upload_reply_carries_the_token_it_saw(string shape, string reply)
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, reply);
        using var content = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<WorkiomUploadReplyException>(() => test.Client.UploadFileAsync(content, "a.bin", null, Ct));

        Assert.True(Token == error.FileToken, shape);
        Assert.Contains("File/Upload", error.Message);
        Assert.DoesNotContain(Token, error.Message);
        Assert.Single(test.Server.Requests);
    }

    [Theory]
    [InlineData("""{"result":null,"success":true}""")]
    [InlineData("""{"result":[],"success":true}""")]
    [InlineData("""{"result":{},"success":true}""")]
    [InlineData("""{"result":"done","success":true}""")]
    [InlineData("""{"success":true}""")]
    public async Task An_upload_reply_with_nothing_is_an_upload_reply_exception_without_a_token(string reply)
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, reply);
        using var content = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<WorkiomUploadReplyException>(() => test.Client.UploadFileAsync(content, "a.bin", null, Ct));

        Assert.Null(error.FileToken);
        Assert.IsAssignableFrom<WorkiomInvalidReplyException>(error);
    }

    [Fact]
    public async Task An_unreadable_upload_reply_never_carries_a_credential()
    {
        using var test = new TestClient();
        // A reply that echoes the API key where a file token would stand must not hand the key on.
        string key = TestClient.ApiKey;
        test.Server.Reply(HttpStatusCode.OK, "{\"result\":{\"echo\":{\"fileToken\":\"" + key + "\",\"apiKey\":\"" + key + "\"}},\"success\":true}");
        using var content = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<WorkiomUploadReplyException>(() => test.Client.UploadFileAsync(content, "a.bin", null, Ct));

        Assert.Null(error.FileToken);
        SecretAssert.NowhereIn(error, key);
        Assert.DoesNotContain(key, error.Excerpt);
    }
}
