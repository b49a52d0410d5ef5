using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Workiom.Cli.Environments;
using Workiom.Cli.Verify;
using Workiom.Cli.Webhooks;
using Workiom.Staleness;

namespace Workiom.Cli;

/// <summary>How the tool reaches the outside world; tests pass their own.</summary>
public sealed class CliEnvironment
{
    /// <summary>The <c>WORKIOM_*</c> variables (the primary's and each environment's key and base URL).</summary>
    public IReadOnlyDictionary<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>()
        .Select(e => (Name: e.Key as string ?? string.Empty, Value: e.Value as string))
        .Where(e => e.Name.StartsWith("WORKIOM_", StringComparison.Ordinal))
        .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The folder relative paths start from.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();
}

/// <summary>The workiom tool: every command, callable in-process. Returns the process exit code.</summary>
public static class CliApp
{
    /// <summary>Exit code for a failure (bad key, unknown list or app, network, a redirect, a refused base URL, bad arguments); 1 and 2 belong to 'schema check', 4 and 5 to 'verify'.</summary>
    public const int ErrorExitCode = 3;

    public const string DefaultBaseUrl = "https://api.workiom.com";

    internal static readonly JsonSerializerOptions ReportJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CliEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        environment ??= new CliEnvironment();
        var apiKey = new Option<string?>("--api-key") { Description = "The Workiom API key (default: WORKIOM_API_KEY).", Recursive = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "The Workiom address (default: WORKIOM_BASE_URL, else " + DefaultBaseUrl + ").", Recursive = true };
        var root = new RootCommand("Typed Workiom lists: list apps, pull list snapshots, and check them for drift.");
        root.Options.Add(apiKey);
        root.Options.Add(baseUrl);

        var apps = new Command("apps", "Apps and their lists, with ids.");
        root.Subcommands.Add(apps);

        var schema = new Command("schema", "Pull, diff and check list snapshots.");
        root.Subcommands.Add(schema);

        var app = new Option<string?>("--app") { Description = "Pull every list of this app." };
        var lists = new Option<string[]>("--list") { Description = "Pull this list (repeatable).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "The snapshot folder.", DefaultValueFactory = _ => "schemas" };
        var pull = new Command("pull", "Write one canonical snapshot per list, keeping the C# names of renamed fields.") { app, lists, output };
        schema.Subcommands.Add(pull);

        var diffPaths = new Argument<string[]>("paths") { Description = "Snapshot files or folders (default: schemas).", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Write the changes as JSON." };
        var diff = new Command("diff", "Compare snapshots with the live lists; or, with --env a --env b, two environments' snapshot folders offline (no key), exiting as 'check' does: 0 the same, 1 differences that break nothing, 2 differences that break code built from the primary snapshots.") { diffPaths, json };
        schema.Subcommands.Add(diff);

        var checkPaths = new Argument<string[]>("paths") { Description = "Snapshot files or folders (default: schemas).", Arity = ArgumentArity.ZeroOrMore };
        var report = new Option<string?>("--report") { Description = "Write the drift report (read by the WKM2006 analyzer) to this file." };
        var check = new Command("check", "For CI: exit 0 without drift, 1 when no change breaks code, 2 when one does.") { checkPaths, report };
        schema.Subcommands.Add(check);

        var verifyList = new Option<string>("--list") { Description = "The id of the list to verify (a scratch list: see above).", Required = true };
        var verifyYes = new Option<bool>("--yes") { Description = "Write to the list even though its name does not contain '" + VerifyCommand.ScratchWord + "'." };
        var verifyJson = new Option<string?>("--json") { Description = "Also write the report, machine-readable, to this file." };
        var verify = new Command("verify", VerifyCommand.Description) { verifyList, verifyYes, verifyJson };
        root.Subcommands.Add(verify);

        var envSchemas = new Option<string>("--schemas") { Description = "The snapshot root: the primary's snapshots are in it, environment X's in its sub-folder X.", DefaultValueFactory = _ => "schemas" };
        var pullEnv = new Option<string?>("--env") { Description = "Pull into this environment's folder (<--schemas>/<env>) with its own credentials: WORKIOM_<ENV>_API_KEY and WORKIOM_<ENV>_BASE_URL, never the primary key. 'default' is the primary." };
        pull.Options.Add(pullEnv);
        pull.Options.Add(envSchemas);

        var diffEnv = new Option<string[]>("--env") { Description = "Twice: compare two environments' snapshot folders offline (no key needed), e.g. --env default --env staging.", AllowMultipleArgumentsPerToken = false };
        diff.Options.Add(diffEnv);
        diff.Options.Add(envSchemas);

        var mapEnv = new Option<string>("--env") { Description = "The environment to map to the primary snapshots (not 'default').", Required = true };
        var mapJson = new Option<bool>("--json") { Description = "Write the unmatched members and their candidates as JSON." };
        var map = new Command("map", "Match an environment's snapshots to the primary ones (list by name, field by name and data type, option by label, view by name) and write <--schemas>/<env>/" + EnvironmentMapCommand.MapFileName + ": your entries are kept, each unmatched member is added as null, and the unmatched are shown with their candidates. Offline.") { mapEnv, envSchemas, mapJson };
        schema.Subcommands.Add(map);

        var webhooks = new Command("webhooks", "Webhook subscriptions (WebhookSubscription/AddSubscription and DeleteSubscription), remembered in a ledger because Workiom's API cannot list them.");
        root.Subcommands.Add(webhooks);
        var ledgerOption = new Option<string>("--ledger") { Description = "The ledger file.", DefaultValueFactory = _ => WebhookLedger.DefaultPath };
        var hookEnv = new Option<string?>("--env") { Description = "Use this environment's credentials (WORKIOM_<ENV>_API_KEY, WORKIOM_<ENV>_BASE_URL). 'default' is the primary." };
        var hookList = new Option<string>("--list") { Description = "The list: its id, or its name when unique.", Required = true };
        var hookUrl = new Option<string>("--url") { Description = "Where Workiom POSTs the records; '" + WebhookUrls.EventKey + "=<event>' is appended to its query for the receiver. Printed with query values masked.", Required = true };
        var hookEvent = new Option<string>("--event") { Description = "Which records: created or updated.", Required = true };
        hookEvent.AcceptOnlyFromAmong("created", "updated");
        var hookName = new Option<string?>("--name") { Description = "The subscription's name in Workiom (default: the list's name and the event)." };
        var webhookAdd = new Command("add", "Subscribe a URL to a list's created or updated records, and add it to the ledger.") { hookList, hookUrl, hookEvent, hookName, hookEnv, ledgerOption };
        webhooks.Subcommands.Add(webhookAdd);
        var hookId = new Argument<string>("subscriptionId") { Description = "The id 'webhooks add' printed (or 'webhooks list' shows)." };
        var webhookRemove = new Command("remove", "Delete a subscription in Workiom and take it out of the ledger.") { hookId, hookEnv, ledgerOption };
        webhooks.Subcommands.Add(webhookRemove);
        var webhookList = new Command("list", "Show the ledger (no request is made). " + WebhooksCommand.NotListedNote) { ledgerOption };
        webhooks.Subcommands.Add(webhookList);

        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = console.Profile.Out.Writer };
        if (args.Any(a => a is "--help" or "-h" or "-?" or "--version"))
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }

        string Key(ParseResult result)
        {
            string? key = result.GetValue(apiKey) ?? environment.Variables.GetValueOrDefault("WORKIOM_API_KEY");
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new CliException("No API key: set WORKIOM_API_KEY or pass --api-key.");
            }

            return key.Trim();
        }

        WorkiomApi Connect(ParseResult result, string? env = null)
        {
            if (CliEnvironments.IsDefault(env))
            {
                string key = Key(result);
                string address = result.GetValue(baseUrl) ?? environment.Variables.GetValueOrDefault("WORKIOM_BASE_URL") ?? DefaultBaseUrl;
                return new WorkiomApi(WorkiomApi.CheckBaseUrl(address), key);
            }

            // Another environment's key comes only from its own variable: never the primary's, never --api-key
            // (a key typed for the primary must not reach another tenant's address).
            string keyVariable = CliEnvironments.KeyVariable(env);
            string urlVariable = CliEnvironments.BaseUrlVariable(env);
            if (result.GetValue(apiKey) is not null || result.GetValue(baseUrl) is not null)
            {
                throw new CliException("With --env " + CliEnvironments.Check(env!) + " the key comes only from " + keyVariable + " and the address from " + urlVariable + "; --api-key and --base-url are the primary tenant's.");
            }

            string? environmentKey = environment.Variables.GetValueOrDefault(keyVariable);
            if (string.IsNullOrWhiteSpace(environmentKey))
            {
                throw new CliException("No API key for environment '" + CliEnvironments.Check(env!) + "': set " + keyVariable + " (the primary key is never used for another environment).");
            }

            string environmentAddress = environment.Variables.GetValueOrDefault(urlVariable) ?? DefaultBaseUrl;
            return new WorkiomApi(WorkiomApi.CheckBaseUrl(environmentAddress), environmentKey.Trim()) { KeySource = keyVariable };
        }

        static string CheckedEnvironment(string? name) => name is null ? CliEnvironments.Default : CliEnvironments.Check(name);

        string Resolve(string path) => Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path));

        IReadOnlyList<string> Paths(string[]? given) =>
            (given is { Length: > 0 } ? given : new[] { "schemas" }).Select(Resolve).ToList();

        int code = 0;
        Func<ParseResult, CancellationToken, Task<int>>? action = null;
        var command = parse.CommandResult.Command;
        if (command == apps)
        {
            action = async (result, ct) =>
            {
                using var api = Connect(result);
                return await AppsAsync(api, console, ct);
            };
        }
        else if (command == pull)
        {
            action = async (result, ct) =>
            {
                string? env = result.GetValue(pullEnv) is { } named ? CliEnvironments.Check(named) : null;
                bool outGiven = result.GetResult(output) is { Implicit: false };
                if (outGiven && (env is not null || result.GetResult(envSchemas) is { Implicit: false }))
                {
                    throw new CliException("--out names the folder itself; with --env or --schemas the folder is <--schemas>/<env>. Pass one or the other.");
                }

                string folder = outGiven ? Resolve(result.GetValue(output)!) : CliEnvironments.Folder(Resolve(result.GetValue(envSchemas)!), env);
                using var api = Connect(result, env);
                return await PullAsync(api, console, environment, result.GetValue(app), result.GetValue(lists) ?? Array.Empty<string>(), folder, ct);
            };
        }
        else if (command == webhookAdd)
        {
            action = async (result, ct) =>
            {
                string env = CheckedEnvironment(result.GetValue(hookEnv));
                var ledger = WebhookLedger.Load(Resolve(result.GetValue(ledgerOption)!));
                using var api = Connect(result, env);
                return await WebhooksCommand.AddAsync(
                    api, console, ledger, env, result.GetValue(hookList)!, result.GetValue(hookUrl)!, result.GetValue(hookEvent)!, result.GetValue(hookName), environment.Time.GetUtcNow(), ct);
            };
        }
        else if (command == webhookRemove)
        {
            action = async (result, ct) =>
            {
                var ledger = WebhookLedger.Load(Resolve(result.GetValue(ledgerOption)!));
                string id = result.GetValue(hookId)!;
                string? given = result.GetValue(hookEnv);
                string? recorded = ledger.Find(id)?.Environment;
                string env = CheckedEnvironment(given ?? recorded);
                if (given is not null && recorded is not null && !string.Equals(CliEnvironments.Check(recorded), env, StringComparison.Ordinal))
                {
                    throw new CliException("Subscription " + id + " was made in environment '" + recorded + "', not '" + env + "'; nothing was removed.");
                }

                using var api = Connect(result, env);
                return await WebhooksCommand.RemoveAsync(api, console, ledger, id, ct);
            };
        }
        else if (command == webhookList)
        {
            action = (result, _) => Task.FromResult(WebhooksCommand.List(console, WebhookLedger.Load(Resolve(result.GetValue(ledgerOption)!)), environment.WorkingDirectory));
        }
        else if (command == map)
        {
            action = (result, ct) => Task.FromResult(EnvironmentMapCommand.Run(
                console, Resolve(result.GetValue(envSchemas)!), result.GetValue(mapEnv)!, result.GetValue(mapJson), environment.WorkingDirectory, ct));
        }
        else if (command == diff && parse.GetResult(diffEnv) is { Implicit: false })
        {
            action = (result, ct) =>
            {
                string[] envs = result.GetValue(diffEnv) ?? Array.Empty<string>();
                if (envs.Length != 2)
                {
                    throw new CliException("Compare two environments: --env <a> --env <b> ('default' is the primary snapshots).");
                }

                if (result.GetValue(diffPaths) is { Length: > 0 })
                {
                    throw new CliException("With --env the folders are <--schemas> and <--schemas>/<env>; give no paths.");
                }

                bool asJson = result.GetValue(json);
                var notes = new List<string>();
                var changes = EnvironmentDiffCommand.Compare(Resolve(result.GetValue(envSchemas)!), envs[0], envs[1], environment.WorkingDirectory, notes.Add, ct);
                int exit = ExitCodeFor(changes);
                if (asJson)
                {
                    console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(changes, ReportJson));
                    return Task.FromResult(exit);
                }

                foreach (string note in notes)
                {
                    console.MarkupLineInterpolated($"{note}");
                }

                WriteTable(console, changes);
                console.MarkupLineInterpolated($"{(exit switch { 0 => "The environments match.", 1 => "Differences, none of them breaking.", _ => "Differences that break code built from the primary snapshots." })}");
                return Task.FromResult(exit);
            };
        }
        else if (command == diff)
        {
            action = async (result, ct) =>
            {
                using var api = Connect(result);
                var changes = await CompareAsync(api, Paths(result.GetValue(diffPaths)), environment, ct);
                if (result.GetValue(json))
                {
                    console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(changes, ReportJson));
                }
                else
                {
                    WriteTable(console, changes);
                }

                return 0;
            };
        }
        else if (command == check)
        {
            action = async (result, ct) =>
            {
                using var api = Connect(result);
                var changes = await CompareAsync(api, Paths(result.GetValue(checkPaths)), environment, ct);
                int exit = ExitCodeFor(changes);
                if (result.GetValue(report) is { } reportPath)
                {
                    WriteReport(Resolve(reportPath), api.BaseUrl, environment.Time.GetUtcNow(), exit, changes);
                }

                WriteTable(console, changes);
                console.MarkupLineInterpolated($"{(exit switch { 0 => "No drift.", 1 => "Drift, none of it breaking.", _ => "Breaking drift." })}");
                return exit;
            };
        }

        else if (command == verify)
        {
            action = async (result, ct) =>
            {
                using var api = Connect(result);
                string? reportPath = result.GetValue(verifyJson);
                return await VerifyCommand.RunAsync(
                    api, Key(result), console, result.GetValue(verifyList)!, result.GetValue(verifyYes), reportPath is null ? null : Resolve(reportPath), ct);
            };
        }

        if (action is null)
        {
            // A group ('workiom', 'workiom schema') without its subcommand runs nothing: show what it offers.
            await root.Parse(args.Append("--help").ToArray()).InvokeAsync(invocation, cancellationToken);
            return ErrorExitCode;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            }

            return ErrorExitCode;
        }

        try
        {
            code = await action(parse, cancellationToken);
        }
        catch (CliException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ErrorExitCode;
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ErrorExitCode;
        }
        catch (UnauthorizedAccessException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ErrorExitCode;
        }

        return code;
    }

    /// <summary>0 without drift; 2 when any change is breaking; 1 otherwise (safe or dangerous changes only).</summary>
    public static int ExitCodeFor(IReadOnlyList<DriftChange> changes) =>
        changes.Count == 0 ? 0 : changes.Any(c => c.Severity == DriftSeverity.Breaking) ? 2 : 1;

    private static async Task<int> AppsAsync(WorkiomApi api, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var apps = await api.GetAppsAsync(cancellationToken);
        var table = new Table().AddColumn("App").AddColumn("App id").AddColumn("List").AddColumn("List id");
        foreach (var (appId, appName, lists) in apps)
        {
            if (lists.Count == 0)
            {
                table.AddRow(Markup.Escape(appName), Markup.Escape(appId), string.Empty, string.Empty);
            }

            foreach (var (listId, listName) in lists)
            {
                table.AddRow(Markup.Escape(appName), Markup.Escape(appId), Markup.Escape(listName), Markup.Escape(listId));
            }
        }

        console.Write(table);
        return 0;
    }

    private static async Task<int> PullAsync(WorkiomApi api, IAnsiConsole console, CliEnvironment environment, string? appId, string[] listIds, string folder, CancellationToken cancellationToken)
    {
        if (appId is null && listIds.Length == 0)
        {
            throw new CliException("Say what to pull: --app <id> or --list <id>.");
        }

        var ids = new List<string>(listIds);
        if (appId is not null)
        {
            // Lists/GetAll answers an app id it does not know with no lists, which would pull nothing and succeed.
            var appIds = await api.GetAppIdsAsync(cancellationToken);
            if (!appIds.Contains(appId, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliException("Workiom has no app " + appId + " that this key can see; 'workiom apps' lists the apps and their ids.");
            }

            var appLists = await api.GetListsAsync(appId, cancellationToken);
            if (appLists.Count == 0 && ids.Count == 0)
            {
                console.MarkupLineInterpolated($"App {appId} has no lists; nothing was pulled.");
                return 0;
            }

            ids.AddRange(appLists.Select(l => l.Id));
        }

        ids = ids.Distinct(StringComparer.Ordinal).ToList();

        // Every list is fetched before any file is touched: a failure at any list leaves the folder as it was.
        var fetched = new List<JsonElement>();
        async Task FetchAll(Action<string>? onList)
        {
            foreach (string id in ids)
            {
                onList?.Invoke(id);
                fetched.Add(await api.GetListAsync(id, cancellationToken));
            }
        }

        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress().StartAsync(async context =>
            {
                var task = context.AddTask("Pulling lists", maxValue: ids.Count);
                await FetchAll(id =>
                {
                    task.Description = "Pulling list " + id;
                    task.Increment(fetched.Count == 0 ? 0 : 1);
                });
                task.Value = task.MaxValue;
            });
        }
        else
        {
            await FetchAll(null);
        }

        var written = SnapshotStore.WriteAll(folder, fetched, api.BaseUrl, environment.Time.GetUtcNow());
        var table = new Table().AddColumn("List id").AddColumn("Snapshot");
        foreach (var snapshot in written)
        {
            table.AddRow(Markup.Escape(snapshot.ListId), Markup.Escape(Path.GetRelativePath(environment.WorkingDirectory, snapshot.Path)));
        }

        console.Write(table);
        foreach (var kept in written.SelectMany(w => w.KeptNames))
        {
            console.MarkupLineInterpolated($"Field {kept.FieldId} was renamed in Workiom from '{kept.OldName}' to '{kept.NewName}'; its C# name stays {kept.PropertyName} (see $csharp.names).");
        }

        return 0;
    }

    private static async Task<IReadOnlyList<DriftChange>> CompareAsync(WorkiomApi api, IReadOnlyList<string> paths, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var snapshots = SnapshotStore.Load(paths);
        if (snapshots.Count == 0)
        {
            throw new CliException("No snapshots found in " + string.Join(", ", paths) + ".");
        }

        var changes = new List<DriftChange>();
        foreach (var snapshot in snapshots)
        {
            var live = await api.GetListAsync(snapshot.ListId, cancellationToken);
            var relative = snapshot with { Path = Path.GetRelativePath(environment.WorkingDirectory, snapshot.Path) };
            changes.AddRange(SchemaDiff.Compare(relative, live));
        }

        return changes;
    }

    private static void WriteTable(IAnsiConsole console, IReadOnlyList<DriftChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumn("List").AddColumn("Severity").AddColumn("Change").AddColumn("What changed");
        foreach (var change in changes)
        {
            string color = change.Severity switch { DriftSeverity.Breaking => "red", DriftSeverity.Dangerous => "yellow", _ => "green" };
            table.AddRow(
                Markup.Escape(change.ListName),
                "[" + color + "]" + change.Severity.ToString().ToLowerInvariant() + "[/]",
                Markup.Escape(change.Kind),
                Markup.Escape(change.Description));
        }

        console.Write(table);
    }

    private static void WriteReport(string path, Uri source, DateTimeOffset checkedAt, int exitCode, IReadOnlyList<DriftChange> changes)
    {
        var document = new DriftReportDocument(
            SnapshotVersions.ReportFormat,
            WorkiomApi.Origin(source),
            checkedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            exitCode,
            changes);
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(document, ReportJson) + "\n");
    }
}

/// <summary>The file 'workiom schema check --report' writes; the WKM2006 analyzer reads its changes.</summary>
public sealed record DriftReportDocument(int Format, string Source, string CheckedAt, int ExitCode, IReadOnlyList<DriftChange> Changes);
