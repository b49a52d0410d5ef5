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

    [Fact]
    public async Task An_upload_reply_without_a_token_is_an_invalid_reply()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope("[]");
        using var content = new MemoryStream([1, 2, 3]);

        await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Client.UploadFileAsync(content, "a.bin", null, Ct));
    }
}
