using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Storage;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary><c>/File</c>: uploading a file for a later write, and downloading a stored one.</summary>
internal sealed class FileEndpoints(EmulatorState state)
{
    public static void Map(RouteGroupBuilder group, EmulatorState state)
    {
        var files = new FileEndpoints(state);
        group.MapApi(HttpMethods.Post, "/Upload", files.UploadAsync);
        group.MapApi(HttpMethods.Get, "/DownloadFile", files.DownloadAsync);
    }

    /// <summary>
    /// The name a file is shown and downloaded under. It is only ever data (bytes live in SQLite), but
    /// directory parts and control characters are dropped so no consumer is tempted to use it as a path.
    /// </summary>
    internal static string SafeFileName(string? raw)
    {
        var name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name is "" or "." or ".." ? "file" : name;
    }

    private async Task<ApiReply> UploadAsync(HttpContext context)
    {
        var maxUpload = state.Options.MaxUploadBytes;
        // Room for the multipart framing around the file itself.
        var bodyLimit = maxUpload + 64 * 1024;
        if (context.Request.ContentLength > bodyLimit)
        {
            throw ApiRequest.TooLarge(maxUpload, "file");
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = bodyLimit;
        }

        if (!context.Request.HasFormContentType)
        {
            throw ApiError.BadRequest("File/Upload takes a multipart/form-data body with one file part.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit, ValueCountLimit = 64 }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw ApiError.BadRequest("The multipart body could not be read: " + ex.Message);
        }

        if (form.Files.Count != 1)
        {
            throw ApiError.BadRequest($"File/Upload takes exactly one file part, got {form.Files.Count}.");
        }

        var part = form.Files[0];
        if (part.Length > maxUpload)
        {
            throw ApiRequest.TooLarge(maxUpload, "file");
        }

        var bytes = new byte[part.Length];
        await using (var stream = part.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }

        var file = new StoredFile(Guid.NewGuid().ToString(), null, SafeFileName(part.FileName), string.IsNullOrWhiteSpace(part.ContentType) ? "application/octet-stream" : part.ContentType, bytes.LongLength);
        await state.Store.RunAsync(session =>
        {
            session.InsertFile(file, bytes);
            return true;
        }, context.RequestAborted).ConfigureAwait(false);

        return ApiReply.Success(new JsonArray(new JsonObject
        {
            ["fileName"] = file.FileName,
            ["fileType"] = file.ContentType,
            ["fileToken"] = file.Token,
            ["hasThumbnail"] = false,
            ["fileUrl"] = null,
            ["thumbnailUrl"] = null,
        }));
    }

    private async Task<ApiReply> DownloadAsync(HttpContext context)
    {
        var id = ApiRequest.RequireQuery(context, "id");
        return await state.Store.RunAsync(session =>
        {
            var file = session.FindFileByStoredId(id) ?? throw ApiError.NotFound($"There is no file with id '{id}'.");
            var bytes = session.ReadFileBytes(id) ?? throw ApiError.NotFound($"There is no file with id '{id}'.");
            // The stored name is cleaned again: a store written by an older emulator may hold any name.
            return ApiReply.File(bytes, SafeFileName(file.FileName));
        }, context.RequestAborted).ConfigureAwait(false);
    }
}
