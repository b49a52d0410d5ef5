using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Http;

/// <summary>Reading a request the way every endpoint does: bounded bodies, required parameters, known lists.</summary>
internal static class ApiRequest
{
    public static async Task<JsonObject> ReadJsonObjectAsync(HttpContext context, long limit)
    {
        var bytes = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            throw ApiError.BadRequest("The request needs a JSON object body.");
        }

        try
        {
            return JsonRead.Parse(bytes) as JsonObject ?? throw ApiError.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest("The request body is not valid JSON: " + ex.Message);
        }
    }

    public static async Task<byte[]> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit, "request body");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit, "request body");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static string RequireQuery(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString();
        return value.Length > 0 ? value : throw ApiError.BadRequest($"The '{name}' query parameter is required.");
    }

    /// <summary>The list named by the query parameter <paramref name="parameter"/>.</summary>
    public static ListSchema RequireList(HttpContext context, SnapshotCatalog catalog, string parameter)
    {
        var listId = context.Request.Query[parameter].ToString();
        if (string.IsNullOrEmpty(listId))
        {
            throw ApiError.BadRequest($"The '{parameter}' query parameter is required.");
        }

        return catalog.Find(listId) ?? throw ApiError.NotFound($"There is no list with id '{listId}'.");
    }

    public static ApiError RecordNotFound(ListSchema list, string id) =>
        ApiError.NotFound($"There is no record with id '{id}' in list '{list.Name}'.");

    public static ApiError TooLarge(long limit, string what) =>
        new(413, $"The {what} is too large: the limit is {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes.");
}
