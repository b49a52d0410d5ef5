using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Workiom.Emulator.Errors;

namespace Workiom.Emulator.Http;

/// <summary>A finished reply, kept as bytes so a fault can still cut it, replace it or drop it.</summary>
internal sealed record ApiReply(int StatusCode, byte[] Body, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers) : IResult
{
    private const string Json = "application/json; charset=utf-8";

    // Replies are JSON for API clients, never HTML: names in Arabic or with '<' are written as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ApiReply Success(JsonNode? result) => Success(writer =>
    {
        if (result is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            result.WriteTo(writer);
        }
    });

    /// <summary>ABP's success envelope around whatever <paramref name="writeResult"/> writes.</summary>
    public static ApiReply Success(Action<Utf8JsonWriter> writeResult) =>
        new(200, Envelope(writer =>
        {
            writer.WritePropertyName("result");
            writeResult(writer);
            writer.WriteNull("targetUrl");
            writer.WriteBoolean("success", true);
            writer.WriteNull("error");
            writer.WriteBoolean("unAuthorizedRequest", false);
        }), Json, []);

    public static ApiReply Failure(ApiError error, bool unauthorized = false, IReadOnlyList<KeyValuePair<string, string>>? headers = null) =>
        new(error.StatusCode, Envelope(writer =>
        {
            writer.WriteNull("result");
            writer.WriteNull("targetUrl");
            writer.WriteBoolean("success", false);
            writer.WriteStartObject("error");
            writer.WriteNumber("code", 0);
            writer.WriteString("message", error.Message);
            if (error.Details is null)
            {
                writer.WriteNull("details");
            }
            else
            {
                writer.WriteString("details", error.Details);
            }

            if (error.ValidationErrors is null)
            {
                writer.WriteNull("validationErrors");
            }
            else
            {
                writer.WriteStartArray("validationErrors");
                foreach (var issue in error.ValidationErrors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("message", issue.Message);
                    writer.WriteStartArray("members");
                    foreach (var member in issue.Members)
                    {
                        writer.WriteStringValue(member);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteBoolean("unAuthorizedRequest", unauthorized);
        }), Json, headers ?? []);

    /// <summary>
    /// A stored file, always as an attachment of bytes: never the type the uploader claimed, so no upload is
    /// rendered by a browser in the emulator's origin. The name goes in <c>filename*</c> exactly (UTF-8,
    /// percent-encoded) and in <c>filename</c> as a printable ASCII fallback.
    /// </summary>
    public static ApiReply File(byte[] bytes, string fileName)
    {
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        disposition.FileName = AsciiFallback(fileName);
        return new(200, bytes, "application/octet-stream", [new("Content-Disposition", disposition.ToString())]);
    }

    /// <summary>
    /// The name with every character outside printable ASCII, and '"', '\\' and '?', as '_': the fallback is
    /// never a quoted pair nor a MIME encoded word (<c>=?utf-8?B?...?=</c>) that a client would decode into
    /// another name.
    /// </summary>
    private static string AsciiFallback(string fileName) =>
        string.Create(fileName.Length, fileName, (span, name) =>
        {
            for (var i = 0; i < name.Length; i++)
            {
                span[i] = name[i] is >= ' ' and <= '~' and not '"' and not '\\' and not '?' ? name[i] : '_';
            }
        });

    /// <summary>Writes the reply: status, content type and length, its headers, then the bytes.</summary>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(Body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Envelope(Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteBoolean("__abp", true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
