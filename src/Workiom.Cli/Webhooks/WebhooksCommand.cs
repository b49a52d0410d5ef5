using System.Text.Json;
using Spectre.Console;
using Workiom.Cli.Environments;

namespace Workiom.Cli.Webhooks;

/// <summary><c>workiom webhooks add|remove|list</c>: subscriptions over Workiom's API, remembered in a ledger.</summary>
internal static class WebhooksCommand
{
    /// <summary>Said by <c>list</c> and in its help: what the ledger is and is not.</summary>
    public const string NotListedNote =
        "Workiom's API has no endpoint that lists webhook subscriptions: this is the ledger of the subscriptions made with 'workiom webhooks add' (and not removed with 'workiom webhooks remove'). Subscriptions made in Workiom's UI or by other tools are not listed.";

    public static async Task<int> AddAsync(
        WorkiomApi api, IAnsiConsole console, WebhookLedger ledger, string environment, string list, string url, string eventName, string? name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string registered = WebhookUrls.WithEvent(url, eventName);
        var (listId, listName, appId) = await ResolveListAsync(api, list, cancellationToken);
        string subscriptionName = string.IsNullOrWhiteSpace(name) ? listName + " " + eventName : name;
        string id;
        try
        {
            id = await api.AddSubscriptionAsync(appId, listId, subscriptionName, registered, eventName == "created" ? 0 : 1, cancellationToken);
        }
        catch (CliException e)
        {
            // Workiom's message may quote the URL it refused: never with its token.
            throw new CliException(WebhookUrls.Scrub(e.Message, registered), e.InnerException);
        }

        ledger.Add(new LedgerEntry(id, listId, listName, appId, eventName, subscriptionName, registered, environment, WorkiomApi.Origin(api.BaseUrl), WebhookLedger.Time(now)));
        try
        {
            ledger.Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("Workiom made subscription " + id + ", but the ledger " + ledger.Path + " could not be written (" + e.Message + "); 'workiom webhooks remove " + id + "' removes it.", e);
        }

        console.MarkupLineInterpolated($"Subscribed {WebhookUrls.Masked(registered)} to the {eventName} records of list '{listName}' ({listId}): subscription {id}.");
        if (Uri.TryCreate(registered, UriKind.Absolute, out var target) && target.Scheme == Uri.UriSchemeHttp && !target.IsLoopback)
        {
            console.MarkupLine("[yellow]warning:[/] the URL is plain http: Workiom will send records, and any token in the URL, unencrypted.");
        }

        return 0;
    }

    public static async Task<int> RemoveAsync(WorkiomApi api, IAnsiConsole console, WebhookLedger ledger, string subscriptionId, CancellationToken cancellationToken)
    {
        var entry = ledger.Find(subscriptionId);
        if (entry is not null && entry.Source.Length > 0 && !string.Equals(entry.Source, WorkiomApi.Origin(api.BaseUrl), StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException("Subscription " + subscriptionId + " was made at " + entry.Source + " (environment '" + entry.Environment + "'), not at " + WorkiomApi.Origin(api.BaseUrl) + "; nothing was removed.");
        }

        bool deleted = await api.DeleteSubscriptionAsync(subscriptionId, cancellationToken);
        bool forgotten = ledger.Remove(subscriptionId);
        if (forgotten)
        {
            ledger.Save();
        }

        if (deleted)
        {
            console.MarkupLineInterpolated($"Removed subscription {subscriptionId}{(entry is null ? "" : " (" + WebhookUrls.Masked(entry.Url) + ")")}.");
            return 0;
        }

        if (forgotten)
        {
            console.MarkupLineInterpolated($"Workiom has no subscription {subscriptionId} (removed in its UI?); it was taken out of the ledger.");
            return 0;
        }

        throw new CliException("Workiom has no webhook subscription " + subscriptionId + ".");
    }

    public static int List(IAnsiConsole console, WebhookLedger ledger, string workingDirectory)
    {
        var entries = ledger.Entries;
        string where = Path.GetRelativePath(workingDirectory, ledger.Path);
        if (entries.Count == 0)
        {
            console.MarkupLineInterpolated($"No subscriptions in the ledger {where}.");
        }
        else
        {
            var table = new Table().AddColumn("Subscription").AddColumn("List").AddColumn("Event").AddColumn("URL").AddColumn("Name").AddColumn("Environment").AddColumn("Added");
            foreach (var entry in entries)
            {
                table.AddRow(
                    Markup.Escape(entry.Id),
                    Markup.Escape(entry.ListName + " (" + entry.ListId + ")"),
                    Markup.Escape(entry.Event),
                    Markup.Escape(WebhookUrls.Masked(entry.Url)),
                    Markup.Escape(entry.Name),
                    Markup.Escape(entry.Environment + (entry.Source.Length == 0 ? "" : " " + entry.Source)),
                    Markup.Escape(entry.AddedAt));
            }

            console.Write(table);
            console.MarkupLineInterpolated($"Ledger: {where}.");
        }

        console.MarkupLineInterpolated($"{NotListedNote}");
        return 0;
    }

    /// <summary>The list named by id or, failing that, by name (exact, then ignoring case; unique), with its app id from Lists/Get.</summary>
    private static async Task<(string Id, string Name, string AppId)> ResolveListAsync(WorkiomApi api, string given, CancellationToken cancellationToken)
    {
        var apps = await api.GetAppsAsync(cancellationToken);
        var lists = apps.SelectMany(a => a.Lists.Select(l => (l.Id, l.Name, AppId: a.Id))).ToList();
        var matches = lists.Where(l => string.Equals(l.Id, given, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            matches = lists.Where(l => string.Equals(l.Name, given, StringComparison.Ordinal)).ToList();
        }

        if (matches.Count == 0)
        {
            matches = lists.Where(l => string.Equals(l.Name, given, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (matches.Count == 0)
        {
            throw new CliException("Workiom has no list with that id or name that this key can see; 'workiom apps' lists them with their ids.");
        }

        if (matches.Count > 1)
        {
            throw new CliException("More than one list has that name (" + string.Join(", ", matches.Select(m => m.Id)) + "); pass its id.");
        }

        var match = matches[0];
        var list = await api.GetListAsync(match.Id, cancellationToken);
        string appId = list.TryGetProperty("appId", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } fromList
            ? fromList
            : match.AppId;
        if (appId.Length == 0)
        {
            throw new CliException("Workiom's reply for list " + match.Id + " has no app id; a subscription needs it.");
        }

        string name = list.TryGetProperty("name", out var listName) && listName.ValueKind == JsonValueKind.String ? listName.GetString() ?? match.Name : match.Name;
        string id = list.TryGetProperty("id", out var listId) && listId.ValueKind == JsonValueKind.String ? listId.GetString() ?? match.Id : match.Id;
        return (id, name, appId);
    }
}
