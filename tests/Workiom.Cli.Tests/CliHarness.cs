using System.Text.Json.Nodes;
using Spectre.Console;
using Workiom.Cli;
using Workiom.Emulator;

namespace Workiom.Cli.Tests;

/// <summary>An emulator serving the repository's two snapshots, a scratch folder, and the tool run in-process against them.</summary>
public sealed class CliHarness : IAsyncDisposable
{
    public const string DealsListId = "b2a42566-eb5c-40bb-15d8-08d601df4183";
    public const string CompaniesListId = "d5192ca5-b7db-4866-a309-7161739f88d5";

    private CliHarness(WorkiomEmulator emulator, string folder)
    {
        Emulator = emulator;
        Folder = folder;
    }

    public WorkiomEmulator Emulator { get; }

    public string Folder { get; }

    public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The environment variables the tool sees: the primary's key and base URL (the emulator's), and whatever a test adds.</summary>
    public Dictionary<string, string?> Variables { get; } = new(StringComparer.Ordinal);

    public static string SourceSchemas => Path.Combine(AppContext.BaseDirectory, "Schemas");

    /// <param name="extraSchemas">More snapshot files of the Schemas folder to serve (for example the verify list).</param>
    public static async Task<CliHarness> StartAsync(params string[] extraSchemas)
    {
        string folder = Path.Combine(Path.GetTempPath(), "workiom-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = { Path.Combine(SourceSchemas, "deals.json"), Path.Combine(SourceSchemas, "companies.json") },
        });
        foreach (string extra in extraSchemas)
        {
            emulator.ReplaceListSnapshot(File.ReadAllText(Path.Combine(SourceSchemas, extra)));
        }

        var harness = new CliHarness(emulator, folder);
        harness.Variables["WORKIOM_API_KEY"] = emulator.ApiKey;
        harness.Variables["WORKIOM_BASE_URL"] = emulator.BaseAddress.ToString();
        return harness;
    }

    /// <summary>A plain, wide console that writes to <paramref name="writer"/>, as the tests read the CLI's output.</summary>
    public static IAnsiConsole CreateConsole(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        return console;
    }

    public Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public async Task<(int ExitCode, string Output)> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var writer = new StringWriter();
        var console = CreateConsole(writer);
        var environment = new CliEnvironment
        {
            Variables = new Dictionary<string, string?>(Variables),
            Time = new FixedTime(() => Now),
            WorkingDirectory = Folder,
        };
        int code = await CliApp.RunAsync(args, console, environment, cancellationToken);
        return (code, writer.ToString());
    }

    /// <summary>Changes the live Deals list: the edit gets the list (without the envelope) to change in place.</summary>
    public void ChangeDeals(Action<JsonObject> edit) => Serve("deals.json", edit);

    /// <summary>Changes the live Companies list, as <see cref="ChangeDeals"/>.</summary>
    public void ChangeCompanies(Action<JsonObject> edit) => Serve("companies.json", edit);

    /// <summary>The app both snapshots belong to.</summary>
    public static string AppId => (string)JsonNode.Parse(File.ReadAllText(Path.Combine(SourceSchemas, "deals.json")))!["result"]!["appId"]!;

    /// <summary>Adds (or replaces) a live list of the app: the Companies list under another id and name, then edited.</summary>
    public void AddList(string id, string? name, Action<JsonObject>? edit = null) => Serve("companies.json", list =>
    {
        list["id"] = id;
        list["name"] = name;
        foreach (var field in list["fields"]!.AsArray())
        {
            field!["listId"] = id;
        }

        edit?.Invoke(list);
    });

    public static JsonObject Field(JsonObject list, int id) =>
        list["fields"]!.AsArray().Select(f => f!.AsObject()).Single(f => (int)f["id"]! == id);

    private void Serve(string sourceFile, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(SourceSchemas, sourceFile)))!.AsObject();
        edit(root["result"]!.AsObject());
        Emulator.ReplaceListSnapshot(root.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private sealed class FixedTime(Func<DateTimeOffset> now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now();
    }
}
