using System.Net;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

/// <summary>How calls find their endpoint: the replies for paths and methods no endpoint serves, and the path forms accepted.</summary>
public sealed class RoutingTests
{
    [Theory]
    [InlineData("GET", "api/services/app/Data/All", "'/api/services/app/Data/All' takes POST, not GET.", "POST")]
    [InlineData("HEAD", "api/services/app/Lists/Get", "'/api/services/app/Lists/Get' takes GET, not HEAD.", "GET")]
    [InlineData("PUT", "_emulator/faults", "'/_emulator/faults' takes DELETE, GET, POST, not PUT.", "DELETE, GET, POST")]
    public async Task A_wrong_method_gets_the_405_envelope_naming_the_methods_served(string method, string path, string message, string allow)
    {
        await using var host = await TestEmulator.StartAsync();
        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        if (method != "HEAD")
        {
            var reply = await TestEmulator.ReadAsync(response);
            Assert.False(reply.Success);
            Assert.Equal(message, reply.ErrorMessage);
        }
    }

    [Theory]
    [InlineData("nope", "There is no endpoint '/nope'.")]
    [InlineData("", "There is no endpoint ''.")]
    [InlineData("api/services/app/Data", "There is no endpoint '/api/services/app/Data'.")]
    [InlineData("api/services/app/Data/All/extra", "There is no endpoint '/api/services/app/Data/All/extra'.")]
    public async Task An_unknown_path_gets_the_404_envelope(string path, string message)
    {
        await using var host = await TestEmulator.StartAsync();
        using var response = await host.Client.PostAsync(path, null);

        var reply = await TestEmulator.ReadAsync(response);
        HttpStatus.Is(HttpStatusCode.NotFound, reply);
        Assert.Equal(message, reply.ErrorMessage);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("api/services/app/Apps/GetAll/")]
    [InlineData("api/services/app/Apps/GetAll//")]
    [InlineData("API/SERVICES/APP/APPS/GETALL/")]
    public async Task Trailing_slashes_and_case_do_not_matter(string path)
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.GetAsync(path);
        Assert.True(reply.Success);
    }

    [Fact]
    public async Task A_fault_queued_for_a_path_fires_on_the_path_with_a_trailing_slash()
    {
        await using var host = await TestEmulator.StartAsync();
        await host.PostAsync("_emulator/faults", new JsonObject { ["path"] = "Apps/GetAll", ["kind"] = "ServerError" });

        var reply = await host.GetAsync("api/services/app/Apps/GetAll/");

        HttpStatus.Is(HttpStatusCode.ServiceUnavailable, reply);
        Assert.Equal(1, host.Emulator.Faults.Fired);
    }

    [Fact]
    public async Task Administration_takes_no_faults_and_refuses_a_bearer_token()
    {
        await using var host = await TestEmulator.StartAsync();
        await host.PostAsync("_emulator/faults", new JsonObject { ["path"] = "*", ["kind"] = "ServerError" });

        var status = await host.GetAsync("_emulator/faults");
        using var anonymous = TestEmulator.NewClient(host.Emulator);
        anonymous.DefaultRequestHeaders.Add("Authorization", "Bearer anything");
        var refused = await TestEmulator.ReadAsync(await anonymous.GetAsync("_emulator/faults"));

        Assert.True(status.Success);
        Assert.Equal(1, status.Result!["pending"]!.GetValue<int>());
        HttpStatus.Is(HttpStatusCode.Unauthorized, refused);
        Assert.Equal("Emulator administration needs the X-Api-Key header.", refused.ErrorMessage);
    }

    [Fact]
    public async Task Logging_in_needs_no_credentials_but_every_other_service_does()
    {
        await using var host = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(host.Emulator);

        var login = await TestEmulator.ReadAsync(await anonymous.PostAsync("api/TokenAuth/Authenticate", new StringContent("""{"userNameOrEmailAddress":"nobody","password":"x"}""", System.Text.Encoding.UTF8, "application/json")));
        var tenant = await TestEmulator.ReadAsync(await anonymous.PostAsync("api/services/app/Account/IsTenantAvailable", new StringContent("""{"tenancyName":"default"}""", System.Text.Encoding.UTF8, "application/json")));
        var lists = await TestEmulator.ReadAsync(await anonymous.GetAsync("api/services/app/Lists/GetAll"));

        Assert.Equal("Login failed: invalid tenant, user name or password.", login.ErrorMessage);
        Assert.True(tenant.Success);
        HttpStatus.Is(HttpStatusCode.Unauthorized, lists);
        Assert.StartsWith("Current user did not login", lists.ErrorMessage);
    }

    // Routing, compared with the old dispatcher (b00e460), which answered an inner '//' with the 404 envelope.
    [Theory]
    [InlineData("api/services/app//Apps/GetAll")]
    [InlineData("api//services/app/Apps/GetAll")]
    public async Task An_inner_double_slash_gets_the_404_envelope_as_before(string path)
    {
        await using var host = await TestEmulator.StartAsync();
        using var response = await host.Client.GetAsync(path);
        var reply = await TestEmulator.ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(reply.Success);
    }

    // Routing, as the old dispatcher answered (held up): decoded paths, an encoded '/', OPTIONS, and the Host
    // check before 404/405.
    [Theory]
    [InlineData("GET", "api/services/app/Apps/Get%41ll", "localhost", HttpStatusCode.OK)]
    [InlineData("GET", "api/services/app/Apps%2FGetAll", "localhost", HttpStatusCode.NotFound)]
    [InlineData("OPTIONS", "api/services/app/Apps/GetAll", "localhost", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "nope", "evil.example", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/services/app/Data/All", "evil.example", HttpStatusCode.BadRequest)]
    [InlineData("POST", "_emulator/faults", "evil.example", HttpStatusCode.BadRequest)]
    public async Task Path_forms_and_the_host_check_answer_as_before(string method, string path, string hostHeader, HttpStatusCode expected)
    {
        await using var host = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Host = hostHeader;
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        var reply = await TestEmulator.ReadAsync(response);
        Assert.Equal(expected == HttpStatusCode.OK, reply.Success);
    }
}
