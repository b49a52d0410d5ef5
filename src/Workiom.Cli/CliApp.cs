using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Workiom.Cli.Verify;
using Workiom.Staleness;

namespace Workiom.Cli;

/// <summary>How the tool reaches the outside world; tests pass their own.</summary>
public sealed class CliEnvironment
{
    public IReadOnlyDictionary<string, string?> Variables { get; init; } = new Dictionary<string, string?>
    {
        ["WORKIOM_API_KEY"] = Environment.GetEnvironmentVariable("WORKIOM_API_KEY"),
        ["WORKIOM_BASE_URL"] = Environment.GetEnvironmentVariable("WORKIOM_BASE_URL"),
    };

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
        var diff = new Command("diff", "Compare snapshots with the live lists.") { diffPaths, json };
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

        WorkiomApi Connect(ParseResult result)
        {
            string key = Key(result);
            string address = result.GetValue(baseUrl) ?? environment.Variables.GetValueOrDefault("WORKIOM_BASE_URL") ?? DefaultBaseUrl;
            return new WorkiomApi(WorkiomApi.CheckBaseUrl(address), key);
        }

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
                using var api = Connect(result);
                return await PullAsync(api, console, environment, result.GetValue(app), result.GetValue(lists) ?? Array.Empty<string>(), Resolve(result.GetValue(output)!), ct);
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
