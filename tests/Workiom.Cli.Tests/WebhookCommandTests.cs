using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Workiom.Cli.Webhooks;
using Workiom.Emulator.Webhooks;

namespace Workiom.Cli.Tests;

/// <summary>'workiom webhooks add|remove|list' against the emulator's AddSubscription and DeleteSubscription.</summary>
public sealed class WebhookCommandTests
{
    private const string Token = "t0ken-s3cret";

    [Fact]
    public async Task Add_subscribes_with_the_lists_app_and_the_event_query_and_writes_the_ledger()
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, output) = await cli.RunAsync("webhooks", "add", "--list", CliHarness.DealsListId, "--url", "http://127.0.0.1:9/hooks/deals?token=" + Token, "--event", "updated", "--name", "Deals to CRM");

        Assert.True(code == 0, output);
        var subscription = Assert.Single(cli.Emulator.Webhooks.Subscriptions);
        Assert.Equal(CliHarness.DealsListId, subscription.ListId);
        Assert.Equal(CliHarness.AppId, subscription.AppId);
        Assert.Equal(WebhookEvent.Updated, subscription.Event);
        Assert.Equal("Deals to CRM", subscription.Name);
        Assert.True(subscription.IsActive);
        Assert.Equal("http://127.0.0.1:9/hooks/deals?token=" + Token + "&workiom-event=updated", subscription.Url.OriginalString);
        Assert.Contains("subscription " + subscription.Id, output, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9/hooks/deals?token=***&workiom-event=updated", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.Emulator.ApiKey, output, StringComparison.Ordinal);

        string ledgerPath = Path.Combine(cli.Folder, ".workiom", "webhooks.json");
        var entry = JsonNode.Parse(File.ReadAllText(ledgerPath))!["subscriptions"]![0]!;
        Assert.Equal(subscription.Id, (string?)entry["id"]);
        Assert.Equal(subscription.Url.OriginalString, (string?)entry["url"]);
        Assert.Equal("updated", (string?)entry["event"]);
        Assert.Equal("default", (string?)entry["environment"]);
        Assert.Equal("2026-03-01T09:30:00Z", (string?)entry["addedAt"]);
        Assert.DoesNotContain(cli.Emulator.ApiKey, File.ReadAllText(ledgerPath), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ledgerPath));
        }
    }

    [Fact]
    public async Task Add_finds_the_list_by_name_and_keeps_an_event_query_already_there()
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, output) = await cli.RunAsync("webhooks", "add", "--list", "Companies", "--url", "http://localhost:9/h?workiom-event=created", "--event", "created");

        Assert.True(code == 0, output);
        var subscription = Assert.Single(cli.Emulator.Webhooks.Subscriptions);
        Assert.Equal(CliHarness.CompaniesListId, subscription.ListId);
        Assert.Equal(WebhookEvent.Created, subscription.Event);
        Assert.Equal("http://localhost:9/h?workiom-event=created", subscription.Url.OriginalString);
    }

    [Fact]
    public async Task Add_refuses_a_url_that_names_the_other_event_before_any_request()
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, output) = await cli.RunAsync("webhooks", "add", "--list", CliHarness.DealsListId, "--url", "http://localhost:9/h?workiom-event=created", "--event", "updated");

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("another value", output, StringComparison.Ordinal);
        Assert.Empty(cli.Emulator.Webhooks.Subscriptions);
        Assert.False(File.Exists(Path.Combine(cli.Folder, ".workiom", "webhooks.json")));
    }

    [Fact]
    public async Task An_ambiguous_or_unknown_list_name_is_an_error()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.AddList("0a0a0a0a-1111-2222-3333-444444444444", "Companies");

        var ambiguous = await cli.RunAsync("webhooks", "add", "--list", "Companies", "--url", "http://localhost:9/h", "--event", "created");
        var unknown = await cli.RunAsync("webhooks", "add", "--list", "Nope", "--url", "http://localhost:9/h", "--event", "created");

        Assert.Equal(CliApp.ErrorExitCode, ambiguous.ExitCode);
        Assert.Contains("More than one list has that name", ambiguous.Output, StringComparison.Ordinal);
        Assert.Contains(CliHarness.CompaniesListId, ambiguous.Output, StringComparison.Ordinal);
        Assert.Equal(CliApp.ErrorExitCode, unknown.ExitCode);
        Assert.Contains("no list with that id or name", unknown.Output, StringComparison.Ordinal);
        Assert.Empty(cli.Emulator.Webhooks.Subscriptions);
    }

    [Fact]
    public async Task Remove_deletes_in_Workiom_and_in_the_ledger_and_list_shows_the_ledger_masked()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("webhooks", "add", "--list", CliHarness.DealsListId, "--url", "http://127.0.0.1:9/a?token=" + Token, "--event", "created")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("webhooks", "add", "--list", CliHarness.CompaniesListId, "--url", "http://127.0.0.1:9/b", "--event", "updated")).ExitCode);
        string first = cli.Emulator.Webhooks.Subscriptions.Single(s => s.ListId == CliHarness.DealsListId).Id;
        string second = cli.Emulator.Webhooks.Subscriptions.Single(s => s.ListId == CliHarness.CompaniesListId).Id;

        var listed = await cli.RunAsync("webhooks", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(first, listed.Output, StringComparison.Ordinal);
        Assert.Contains(second, listed.Output, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9/a?token=***&workiom-event=created", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, listed.Output, StringComparison.Ordinal);
        Assert.Contains("no endpoint that lists webhook subscriptions", listed.Output, StringComparison.Ordinal);
        Assert.Contains("made in Workiom's UI", listed.Output, StringComparison.Ordinal);

        var removed = await cli.RunAsync("webhooks", "remove", first);

        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.Equal(second, Assert.Single(cli.Emulator.Webhooks.Subscriptions).Id);
        var after = await cli.RunAsync("webhooks", "list");
        Assert.DoesNotContain(first, after.Output, StringComparison.Ordinal);
        Assert.Contains(second, after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_subscription_Workiom_no_longer_has_drops_it_from_the_ledger_and_an_unknown_one_is_an_error()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("webhooks", "add", "--list", CliHarness.DealsListId, "--url", "http://127.0.0.1:9/a", "--event", "created")).ExitCode);
        string id = Assert.Single(cli.Emulator.Webhooks.Subscriptions).Id;
        Assert.True(cli.Emulator.Webhooks.Unsubscribe(id));

        var stale = await cli.RunAsync("webhooks", "remove", id);
        var unknown = await cli.RunAsync("webhooks", "remove", "no-such-subscription");

        Assert.True(stale.ExitCode == 0, stale.Output);
        Assert.Contains("taken out of the ledger", stale.Output, StringComparison.Ordinal);
        Assert.Empty((JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Folder, ".workiom", "webhooks.json")))!["subscriptions"]!);
        Assert.Equal(CliApp.ErrorExitCode, unknown.ExitCode);
        Assert.Contains("no webhook subscription no-such-subscription", unknown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_keeps_keys_it_does_not_know_and_a_broken_ledger_stops_add_before_subscribing()
    {
        await using var cli = await CliHarness.StartAsync();
        string ledger = Path.Combine(cli.Folder, "hooks.json");
        File.WriteAllText(ledger, """{"format":1,"team":"sales","subscriptions":[{"id":"old","note":"keep me","url":"http://127.0.0.1:9/x"}]}""");

        var added = await cli.RunAsync("webhooks", "add", "--ledger", "hooks.json", "--list", CliHarness.DealsListId, "--url", "http://127.0.0.1:9/a", "--event", "created");

        Assert.True(added.ExitCode == 0, added.Output);
        var root = JsonNode.Parse(File.ReadAllText(ledger))!;
        Assert.Equal("sales", (string?)root["team"]);
        Assert.Equal("keep me", (string?)root["subscriptions"]![0]!["note"]);
        Assert.Equal(2, root["subscriptions"]!.AsArray().Count);

        File.WriteAllText(ledger, "{ not json");
        var broken = await cli.RunAsync("webhooks", "add", "--ledger", "hooks.json", "--list", CliHarness.DealsListId, "--url", "http://127.0.0.1:9/b", "--event", "created");

        Assert.Equal(CliApp.ErrorExitCode, broken.ExitCode);
        Assert.Contains("is not valid JSON", broken.Output, StringComparison.Ordinal);
        Assert.Single(cli.Emulator.Webhooks.Subscriptions);
        Assert.Equal("{ not json", File.ReadAllText(ledger));
    }

    [Fact]
    public async Task A_subscription_made_in_an_environment_is_removed_there_with_its_own_key()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Variables["WORKIOM_STAGING_API_KEY"] = cli.Emulator.ApiKey;
        cli.Variables["WORKIOM_STAGING_BASE_URL"] = cli.Emulator.BaseAddress.ToString();
        cli.Variables["WORKIOM_API_KEY"] = "not-the-staging-key";

        var added = await cli.RunAsync("webhooks", "add", "--env", "staging", "--list", CliHarness.DealsListId, "--url", "http://127.0.0.1:9/a", "--event", "created");
        Assert.True(added.ExitCode == 0, added.Output);
        string id = Assert.Single(cli.Emulator.Webhooks.Subscriptions).Id;
        var listed = await cli.RunAsync("webhooks", "list");
        var wrongEnvironment = await cli.RunAsync("webhooks", "remove", id, "--env", "default");

        var removed = await cli.RunAsync("webhooks", "remove", id);

        Assert.Contains("staging", listed.Output, StringComparison.Ordinal);
        Assert.Equal(CliApp.ErrorExitCode, wrongEnvironment.ExitCode);
        Assert.Contains("was made in environment 'staging'", wrongEnvironment.Output, StringComparison.Ordinal);
        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.Empty(cli.Emulator.Webhooks.Subscriptions);
        Assert.DoesNotContain(cli.Emulator.ApiKey, added.Output + listed.Output + removed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_names_in_the_ledger_are_shown_as_text()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.ChangeDeals(list => list["name"] = "[red]Deals[/] [");
        Assert.Equal(0, (await cli.RunAsync("webhooks", "add", "--list", CliHarness.DealsListId, "--url", "http://127.0.0.1:9/a", "--event", "created", "--name", "[bold]x[/")).ExitCode);

        var (code, output) = await cli.RunAsync("webhooks", "list");

        Assert.True(code == 0, output);
        Assert.Contains("[red]Deals[/] [", output, StringComparison.Ordinal);
        Assert.Contains("[bold]x[/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_says_that_subscriptions_made_elsewhere_are_not_listed()
    {
        await using var cli = await CliHarness.StartAsync();

        var list = await cli.RunAsync("webhooks", "list", "--help");
        var group = await cli.RunAsync("webhooks");

        Assert.Contains("no endpoint that lists webhook subscriptions", list.Output, StringComparison.Ordinal);
        Assert.Contains("add", group.Output, StringComparison.Ordinal);
        Assert.Contains("remove", group.Output, StringComparison.Ordinal);
        Assert.Equal(CliApp.ErrorExitCode, group.ExitCode);
    }

    [Theory]
    [InlineData("https://h.example/p?a=1&b=2#frag", "https://h.example/p?a=***&b=***#***")]
    [InlineData("https://user:pw@h.example:8443/p?workiom-event=updated&sig", "https://***@h.example:8443/p?workiom-event=updated&***")]
    [InlineData("not a url", "(not an absolute URL)")]
    public void Urls_are_printed_with_credentials_masked(string url, string shown) =>
        Assert.Equal(shown, WebhookUrls.Masked(url));

    [Fact]
    public async Task A_refusal_that_quotes_the_url_does_not_print_its_token()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.EndsWith("Apps/GetAll", StringComparison.Ordinal))
            {
                await LoopbackServer.Success(context, """{"items":[{"id":"app1","name":"A","lists":[{"id":"l1","name":"L"}]}]}""");
            }
            else if (path.EndsWith("Lists/Get", StringComparison.Ordinal))
            {
                await LoopbackServer.Success(context, """{"id":"l1","appId":"app1","name":"L","fields":[]}""");
            }
            else
            {
                using var reader = new StreamReader(context.Request.Body);
                string url = (string)JsonNode.Parse(await reader.ReadToEndAsync())!["webHook"]!;
                context.Response.StatusCode = 400;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(new JsonObject
                {
                    ["success"] = false,
                    ["error"] = new JsonObject { ["message"] = "Cannot reach " + url + " (token " + Token + ")" },
                }.ToJsonString());
            }
        });

        var (code, output) = await cli.RunAsync("webhooks", "add", "--base-url", server.Address.ToString(), "--list", "l1", "--url", "https://hooks.example/h?token=" + Token, "--event", "created");

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("Cannot reach https://hooks.example/h?token=***&workiom-event=created", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Folder, ".workiom", "webhooks.json")));
    }

    [Theory]
    [InlineData("https://h.example/p", "created", "https://h.example/p?workiom-event=created")]
    [InlineData("https://h.example/p?a=1#f", "updated", "https://h.example/p?a=1&workiom-event=updated#f")]
    [InlineData("https://h.example/p?", "updated", "https://h.example/p?workiom-event=updated")]
    [InlineData("https://h.example/p?workiom-event=updated", "updated", "https://h.example/p?workiom-event=updated")]
    public void The_event_is_appended_to_the_query(string url, string eventName, string registered) =>
        Assert.Equal(registered, WebhookUrls.WithEvent(url, eventName));
}
