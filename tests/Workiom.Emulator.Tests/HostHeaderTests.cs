using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

/// <summary>
/// DNS rebinding: a web page whose host name resolves to 127.0.0.1 can reach the emulator from a browser
/// and use the well-known default key or the admin/admin login. Such a request carries the page's own
/// host name in its Host header, so the emulator answers only to loopback hosts and names it was told.
/// </summary>
public sealed class HostHeaderTests
{
    private static async Task<Reply> SendWithHostAsync(TestEmulator host, HttpMethod method, string path, string hostHeader, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = hostHeader.Replace("PORT", host.Emulator.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);
        return await TestEmulator.ReadAsync(response);
    }

    private static void AssertRefusedHost(Reply reply)
    {
        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.False(reply.Success);
        Assert.True(reply.Envelope["__abp"]!.GetValue<bool>());
        Assert.Contains("Host", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:PORT")]
    [InlineData("127.0.0.1.nip.io:PORT")]
    [InlineData("localhost.attacker.example")]
    [InlineData("10.0.0.1:PORT")]
    [InlineData("0.0.0.0:PORT")]
    [InlineData("[2001:db8::1]:PORT")]
    [InlineData("emulator.test")]
    public async Task A_foreign_Host_is_refused_with_the_error_envelope_and_changes_nothing(string hostHeader)
    {
        await using var host = await TestEmulator.StartAsync();
        var body = $$"""{"{{Ids.DealName}}":"Rebound"}""";

        var session = await SendWithHostAsync(host, HttpMethod.Get, "api/services/app/Session/GetCurrentLoginInformations", hostHeader);
        var create = await SendWithHostAsync(host, HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}", hostHeader, body);
        var login = await SendWithHostAsync(host, HttpMethod.Post, "api/TokenAuth/Authenticate", hostHeader,
            """{"tenantName":"default","userNameOrEmailAddress":"admin","password":"admin"}""");
        var fault = await SendWithHostAsync(host, HttpMethod.Post, "_emulator/faults", hostHeader, """{"path":"*","kind":"DropConnection"}""");
        var unknown = await SendWithHostAsync(host, HttpMethod.Get, "no/such/endpoint", hostHeader);

        AssertRefusedHost(session);
        AssertRefusedHost(create);
        AssertRefusedHost(login);
        Assert.Null(login.Result);
        AssertRefusedHost(fault);
        AssertRefusedHost(unknown);
        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.Equal(0, host.Emulator.Faults.Pending);
        Assert.Equal(0, host.Emulator.TokenCount);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LocalHost:PORT")]
    [InlineData("127.0.0.1:PORT")]
    [InlineData("127.8.9.10")]
    [InlineData("[::1]:PORT")]
    public async Task Loopback_hosts_are_answered(string hostHeader)
    {
        await using var host = await TestEmulator.StartAsync();

        var create = await SendWithHostAsync(host, HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}", hostHeader, $$"""{"{{Ids.DealName}}":"Local"}""");

        Assert.True(create.Success, create.ErrorMessage);
        Assert.Equal(1, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Theory]
    [InlineData("emulator.test", true)]
    [InlineData("EMULATOR.test:PORT", true)]
    [InlineData("api.emulator.test", false)]
    [InlineData("ci.dev.test", true)]
    [InlineData("dev.test", false)]
    [InlineData("other.test", false)]
    public async Task Host_names_the_options_allow_are_answered_and_no_others(string hostHeader, bool answered)
    {
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            AllowedHosts = { "emulator.test", "*.dev.test" },
        });

        var reply = await SendWithHostAsync(host, HttpMethod.Get, "api/services/app/Session/GetCurrentLoginInformations", hostHeader);

        if (answered)
        {
            Assert.True(reply.Success, reply.ErrorMessage);
        }
        else
        {
            AssertRefusedHost(reply);
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("emulator.test:8080")]
    [InlineData("http://emulator.test")]
    [InlineData("emulator test")]
    [InlineData("*.")]
    public async Task An_allowed_host_that_is_not_a_plain_host_name_is_refused_on_start(string allowed)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            AllowedHosts = { allowed },
        }));

        Assert.Contains("AllowedHosts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_reply_forbids_content_sniffing()
    {
        await using var host = await TestEmulator.StartAsync();

        using var ok = await host.Client.GetAsync("api/services/app/Apps/GetAll");
        using var anonymous = TestEmulator.NewClient(host.Emulator);
        using var refused = await anonymous.GetAsync("api/services/app/Apps/GetAll");
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "api/services/app/Apps/GetAll") { Headers = { Host = "attacker.example" } };
        using var reboundReply = await host.Client.SendAsync(rebound);

        foreach (var response in new[] { ok, refused, reboundReply })
        {
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        }

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reboundReply.StatusCode);
        Assert.IsType<JsonObject>(JsonNode.Parse(await reboundReply.Content.ReadAsStringAsync()));
    }
}
