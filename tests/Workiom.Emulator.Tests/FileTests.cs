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
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("acme-msa.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);
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
        var sentinel = Path.Combine(AppContext.BaseDirectory, "..", "..", "etc", "passwd");

        var upload = await UploadAsync(host, [42, 43], hostile);
        var uploaded = (JsonObject)upload.Result![0]!;
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Hostile", [Ids.Contract] = new JsonArray(WriteShape(uploaded, 2)) });
        using var download = await host.Client.GetAsync($"File/DownloadFile?id={deal[Ids.Contract]![0]!["_id"]}");

        Assert.True(upload.Success, upload.ErrorMessage);
        Assert.Equal(shown, uploaded["fileName"]!.GetValue<string>());
        Assert.Equal(new byte[] { 42, 43 }, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(shown, download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.False(File.Exists(sentinel));
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
