using System.Text;
using Workiom.AspNetCore.Tests.Lists;
using Workiom.Webhooks;

namespace Workiom.AspNetCore.Tests;

/// <summary>Bodies a hostile or broken sender may post: each is read or refused with a format exception, never anything else.</summary>
public sealed class WebhookHostileBodyTests
{
    private static WorkiomWebhook<Lead> Read(byte[] body) => WorkiomWebhookReader.Read<Lead>(body);

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void Invalid_utf8_in_a_key_is_a_format_exception()
    {
        byte[] body = [.. "{\"Full"u8, 0xC3, 0x28, .. "Name\":\"Ann\"}"u8];

        Assert.Throws<WorkiomWebhookFormatException>(() => Read(body));
    }

    [Fact]
    public void Invalid_utf8_in_a_matched_value_is_a_format_exception()
    {
        byte[] body = [.. "{\"FullName\":\"A"u8, 0xFF, 0xFE, .. "nn\"}"u8];

        Assert.Throws<WorkiomWebhookFormatException>(() => Read(body));
    }

    [Fact]
    public void Invalid_utf8_in_an_unknown_value_is_a_format_exception()
    {
        byte[] body = [.. "{\"Nobody\":\"A"u8, 0xED, 0xA0, 0x80, .. "\"}"u8];

        Assert.Throws<WorkiomWebhookFormatException>(() => Read(body));
    }

    [Theory]
    [InlineData("""{"_id":"a","_id":"b"}""", "_id")]
    [InlineData("""{"FullName":"Ann","FullName":"Bob"}""", "FullName")]
    [InlineData("""{"Nobody":1,"Nobody":2}""", "Nobody")]
    [InlineData("""{"__proto__":{},"__proto__":{"admin":true}}""", "__proto__")]
    public void A_key_sent_twice_is_a_format_exception_never_one_value_kept_silently(string json, string key)
    {
        var exception = Assert.Throws<WorkiomWebhookFormatException>(() => Read(Utf8(json)));

        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"_creator":{"id":{"nested":[1,2,{"x":null}]},"fullname":"Eve"}}""")]
    [InlineData("""{"_creationDate":{"$date":"2026-01-30"}}""")]
    [InlineData("""{"_creationDate":"not a date"}""")]
    [InlineData("""{"_lastActivityDate":12345678901234567890}""")]
    [InlineData("""{"_id":{"$oid":"6980bea2a9c6459ae5075e94"}}""")]
    public void Nested_junk_in_a_system_key_is_a_format_exception(string json)
    {
        Assert.Throws<WorkiomWebhookFormatException>(() => Read(Utf8(json)));
    }

    [Fact]
    public void Junk_nested_in_a_system_key_is_refused_or_kept_never_dropped()
    {
        WorkiomWebhook<Lead> hook;
        try
        {
            hook = Read(Utf8("""{"_creator":[[[{"id":"7","fullname":"Eve"}]]]}"""));
        }
        catch (WorkiomWebhookFormatException)
        {
            return;
        }

        Assert.True(hook.Record.Creator is not null || hook.Record.UnknownFields.ContainsKey("_creator"), "The _creator value was dropped.");
    }

    [Fact]
    public void Hostile_unknown_keys_are_kept_as_read_and_reported()
    {
        string longKey = new('k', 100_000);
        string json = "{\"__proto__\":{\"polluted\":true},\"constructor\":{\"prototype\":1},\"" + longKey + "\":\"v\",\"\\u2028*/\\\"{0}\":1}";

        var hook = Read(Utf8(json));

        Assert.Equal(["__proto__", "constructor", longKey, "\u2028*/\"{0}"], hook.UnmatchedKeys);
        Assert.Equal("""{"polluted":true}""", hook.Record.UnknownFields["__proto__"].GetRawText());
        Assert.Equal(4, hook.Record.UnknownFields.Count);
    }

    [Fact]
    public void A_key_that_is_a_field_id_reads_that_field()
    {
        var id = Lead.WorkiomSchema.Fields.Single(f => f.Name == "Full Name").Id;

        var hook = Read(Utf8("{\"" + id + "\":\"Ann\"}"));

        Assert.Equal("Ann", hook.Record.FullName);
        Assert.True(hook.AllKeysMatched);
    }

    [Theory]
    [InlineData("?workiom-event=created&workiom-event=updated")]
    [InlineData("?WORKIOM-EVENT=created&workiom-event=UPDATED")]
    [InlineData("?workiom-event=created,updated")]
    [InlineData("?workiom-event=")]
    [InlineData("?workiom-event")]
    [InlineData("?workiom-event=%ZZ")]
    [InlineData("?workiom%2Devent=deleted")]
    public void A_query_that_does_not_name_one_event_gives_no_event(string query)
    {
        Assert.Null(WorkiomWebhookReader.EventFromQuery(query));
    }

    [Theory]
    [InlineData("?WORKIOM-EVENT=CREATED", WorkiomWebhookEvent.Created)]
    [InlineData("?x=1&Workiom-Event=updated&workiom-event=updated", WorkiomWebhookEvent.Updated)]
    [InlineData("?workiom%2Devent=created", WorkiomWebhookEvent.Created)]
    public void The_event_query_is_read_in_any_case(string query, WorkiomWebhookEvent expected)
    {
        Assert.Equal(expected, WorkiomWebhookReader.EventFromQuery(query));
    }
}
