using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class FileTests
{
    private static async Task<Reply> UploadAsync(TestEmulator host, byte[] bytes, string fileName, string contentType = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        using var response = await host.Client.PostAsync("File/Upload", form);
        return await TestEmulator.ReadAsync(response);
    }

    /// <summary>Uploads with the part's headers written as given: any file name (in filename*) and any media type.</summary>
    private static async Task<Reply> UploadRawAsync(TestEmulator host, byte[] bytes, string fileName, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        Assert.True(part.Headers.TryAddWithoutValidation("Content-Type", contentType));
        Assert.True(part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"file\"; filename*=UTF-8''" + Uri.EscapeDataString(fileName)));
        form.Add(part);
        using var response = await host.Client.PostAsync("File/Upload", form);
        return await TestEmulator.ReadAsync(response);
    }

    private static JsonObject WriteShape(JsonObject uploaded, long size) => new()
    {
        ["_id"] = uploaded["fileToken"]!.GetValue<string>(),
        ["AnonymousForm"] = false,
        ["ContentType"] = uploaded["fileType"]!.GetValue<string>(),
        ["ExpiryDate"] = null,
        ["FileName"] = uploaded["fileName"]!.GetValue<string>(),
        ["FileUrl"] = null,
        ["ThumbnailUrl"] = null,
        ["HasThumbnail"] = false,
        ["IsPermanent"] = true,
        ["Size"] = size,
    };

    [Fact]
    public async Task Upload_then_write_to_a_File_field_then_download_by_the_stored_id()
    {
        await using var host = await TestEmulator.StartAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 master services agreement");

        var upload = await UploadAsync(host, bytes, "acme-msa.pdf");
        var uploaded = (JsonObject)Assert.Single(upload.Result!.AsArray())!;
        var deal = await host.CreateDealAsync(new JsonObject
        {
            [Ids.DealName] = "With contract",
            [Ids.Contract] = new JsonArray(WriteShape(uploaded, bytes.Length)),
        });
        var file = (JsonObject)deal[Ids.Contract]![0]!;
        using var download = await host.Client.GetAsync($"File/DownloadFile?id={file["_id"]}");

        Assert.True(upload.Success);
        Assert.Equal("acme-msa.pdf", uploaded["fileName"]!.GetValue<string>());
        Assert.Equal("application/pdf", uploaded["fileType"]!.GetValue<string>());
        Assert.False(uploaded["hasThumbnail"]!.GetValue<bool>());
        Assert.Matches("^[0-9a-f]{24}$", file["_id"]!.GetValue<string>());
        Assert.Equal(uploaded["fileToken"]!.GetValue<string>(), file["FileToken"]!.GetValue<string>());
        Assert.Equal("acme-msa.pdf", file["FileName"]!.GetValue<string>());
        Assert.Equal(bytes.Length, file["Size"]!.GetValue<long>());
        Assert.False(file["IsImage"]!.GetValue<bool>());
        Assert.Equal(new Uri(host.Emulator.BaseAddress, $"File/DownloadFile?id={file["_id"]}").ToString(), file["FileUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("acme-msa.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal("acme-msa.pdf", download.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
    }

    [Theory]
    [InlineData("page.html", "text/html")]
    [InlineData("drawing.svg", "image/svg+xml")]
    [InlineData("notes.txt", "text/plain; charset=utf-8")]
    [InlineData("résumé \"Q1\"; size=1, 100% ملف.pdf", "application/pdf")]
    [InlineData("=?utf-8?B?ZXZpbC5odG1s?=", "text/html")]
    public async Task A_download_is_an_octet_stream_attachment_whatever_type_the_uploader_claimed(string fileName, string claimedType)
    {
        await using var host = await TestEmulator.StartAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes("<html><script>fetch('/api/services/app/Data/All')</script></html>");

        var upload = await UploadRawAsync(host, bytes, fileName, claimedType);
        Assert.True(upload.Success, upload.ErrorMessage);
        var uploaded = (JsonObject)upload.Result![0]!;
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Typed", [Ids.Contract] = new JsonArray(WriteShape(uploaded, bytes.Length)) });
        var file = (JsonObject)deal[Ids.Contract]![0]!;
        using var download = await host.Client.GetAsync($"File/DownloadFile?id={file["_id"]}");
        var disposition = download.Content.Headers.ContentDisposition!;
        var rawDisposition = Assert.Single(download.Content.Headers.GetValues("Content-Disposition"));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        // Served as bytes to save, never as a page or an image a browser would render in the emulator's origin.
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.ToString());
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("attachment", disposition.DispositionType);
        // The name comes back as data: exact in filename*, and the plain filename is printable ASCII.
        Assert.Equal(fileName, disposition.FileNameStar);
        Assert.All(rawDisposition, c => Assert.InRange(c, ' ', '~'));
        var fallback = disposition.FileName!.Trim('"');
        Assert.Equal(fileName.Length, fallback.Length);
        Assert.All(fileName.Zip(fallback), pair => Assert.True(pair.Second == pair.First || pair.Second == '_', $"'{pair.First}' became '{pair.Second}'"));
        // The type the uploader gave is kept as the file's metadata.
        Assert.Equal(claimedType, uploaded["fileType"]!.GetValue<string>());
        Assert.Equal(claimedType, file["ContentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Appending_sends_the_existing_files_back_in_their_read_shape()
    {
        await using var host = await TestEmulator.StartAsync();
        var first = (JsonObject)(await UploadAsync(host, [1, 2, 3], "one.png", "image/png")).Result![0]!;
        var second = (JsonObject)(await UploadAsync(host, [4, 5], "two.txt", "text/plain")).Result![0]!;
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Files", [Ids.Contract] = new JsonArray(WriteShape(first, 3)) });
        var existing = deal[Ids.Contract]![0]!.DeepClone();

        var reply = await host.PutAsync(
            $"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={deal["_id"]}",
            new JsonObject { [Ids.Contract] = new JsonArray(existing, WriteShape(second, 2)) });

        Assert.True(reply.Success, reply.ErrorMessage);
        var files = reply.Record[Ids.Contract]!.AsArray();
        Assert.Equal(["one.png", "two.txt"], files.Select(f => f!["FileName"]!.GetValue<string>()));
        Assert.Equal(existing["_id"]!.GetValue<string>(), files[0]!["_id"]!.GetValue<string>());
        Assert.True(files[0]!["IsImage"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("/absolute/path/report.pdf", "report.pdf")]
    [InlineData("..", "file")]
    [InlineData("C:\\Users\\x\\..\\secret.txt", "secret.txt")]
    public async Task Hostile_file_names_never_become_paths(string hostile, string shown)
    {
        await using var host = await TestEmulator.StartAsync();

        var upload = await UploadAsync(host, [42, 43], hostile);
        var uploaded = (JsonObject)upload.Result![0]!;
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Hostile", [Ids.Contract] = new JsonArray(WriteShape(uploaded, 2)) });
        using var download = await host.Client.GetAsync($"File/DownloadFile?id={deal[Ids.Contract]![0]!["_id"]}");

        Assert.True(upload.Success, upload.ErrorMessage);
        Assert.Equal(shown, uploaded["fileName"]!.GetValue<string>());
        Assert.Equal(new byte[] { 42, 43 }, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(shown, download.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task Download_by_upload_token_or_unknown_id_is_not_found()
    {
        await using var host = await TestEmulator.StartAsync();
        var uploaded = (JsonObject)(await UploadAsync(host, [1], "a.bin")).Result![0]!;

        using var byToken = await host.Client.GetAsync($"File/DownloadFile?id={uploaded["fileToken"]}");
        using var unknown = await host.Client.GetAsync("File/DownloadFile?id=' OR 1=1 --");

        Assert.Equal(HttpStatusCode.NotFound, byToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False((await TestEmulator.ReadAsync(unknown)).Success);
    }

    [Fact]
    public async Task Upload_takes_exactly_one_file_part()
    {
        await using var host = await TestEmulator.StartAsync();
        using var two = new MultipartFormDataContent
        {
            { new ByteArrayContent([1]), "file", "a.bin" },
            { new ByteArrayContent([2]), "file", "b.bin" },
        };
        using var none = new MultipartFormDataContent { { new StringContent("hello"), "note" } };

        using var twoReply = await host.Client.PostAsync("File/Upload", two);
        using var noneReply = await host.Client.PostAsync("File/Upload", none);
        using var notMultipart = await host.Client.PostAsync("File/Upload", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, twoReply.StatusCode);
        Assert.Contains("exactly one file", (await TestEmulator.ReadAsync(twoReply)).ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, noneReply.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413()
    {
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, MaxUploadBytes = 1000 });

        var small = await UploadAsync(host, new byte[1000], "fits.bin");
        var big = await UploadAsync(host, new byte[200_000], "too-big.bin");

        Assert.True(small.Success, small.ErrorMessage);
        HttpStatus.Is(HttpStatusCode.RequestEntityTooLarge, big);
        Assert.Contains("too large", big.ErrorMessage);
    }
}
