using System.CommandLine;
using System.Runtime.InteropServices;

namespace Workiom.Emulator.Tool;

/// <summary>
/// <c>workiom-emulator --schemas schemas [--data workiom.db] [--seed seed.json]... [--port 5080] [--api-key KEY] [--allow-host NAME]... [--webhook-host NAME]...</c>
/// and <c>workiom-emulator export --schemas schemas --data workiom.db --out seed.json</c>; the key may instead come
/// from the <c>WORKIOM_EMULATOR_API_KEY</c> environment variable (a command line shows in <c>ps</c>).
/// (in this repository: <c>dotnet run --project src/Workiom.Emulator.Tool -- --schemas schemas</c>).
/// Exit codes: 0 stopped by Ctrl+C or SIGTERM (or help shown), 1 a snapshot or the data file could not be used
/// or the port was taken, 2 bad arguments.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => EmulatorCommandLine.RunAsync(args, Console.Out, Console.Error);
}

/// <summary>
/// The command line: one root command that starts the emulator. Options that shape the emulator are read into
/// <see cref="WorkiomEmulatorOptions"/> in <see cref="EmulatorOptionsFrom"/>; a subcommand is added to
/// <see cref="Build"/>'s root with its own action.
/// </summary>
internal static class EmulatorCommandLine
{
    public const int Stopped = 0;
    public const int StartFailed = 1;
    public const int BadArguments = 2;

    /// <summary>The environment variable read for the API key when --api-key is not given.</summary>
    public const string ApiKeyVariable = "WORKIOM_EMULATOR_API_KEY";

    public const string Description = "Workiom emulator: a local Workiom API on 127.0.0.1 for development and tests.";

    private static readonly Option<string[]> Schemas = new("--schemas", "-s")
    {
        Description = "Lists/Get snapshot files or folders of them (repeat the option for several).",
        Required = true,
        Recursive = true,
    };

    private static readonly Option<string?> Data = new("--data", "-d")
    {
        Description = "SQLite file for records and files; kept across restarts. Omit to keep data in memory.",
        Recursive = true,
    };

    private static readonly Option<string[]> Seeds = new("--seed")
    {
        Description = "A seed file (records per list in the read shape, as 'export' writes) loaded when the store holds no record (repeatable).",
        Recursive = true,
    };

    private static readonly Option<string> Out = new("--out", "-o")
    {
        Description = "The file to write (replaced only once the export is complete).",
        Required = true,
    };

    private static readonly Option<int> Port = CreatePort();

    private static readonly Option<string?> ApiKey = new("--api-key", "-k")
    {
        Description = $"Key clients send as X-Api-Key (default: ${ApiKeyVariable}, else \"{WorkiomEmulatorOptions.DefaultApiKey}\"). Prefer the variable: a command line shows in 'ps'.",
    };

    private static readonly Option<string[]> AllowHosts = new("--allow-host")
    {
        Description = "A Host name to answer besides localhost, 127.0.0.0/8 and [::1] (repeatable; \"*.example.test\" allows its subdomains). Other Host headers get HTTP 400.",
    };

    private static readonly Option<string[]> WebhookHosts = new("--webhook-host")
    {
        Description = "A host name webhook deliveries may go to besides localhost, 127.0.0.0/8 and [::1] (repeatable; \"*.example.test\" allows its subdomains).",
    };

    private static Option<int> CreatePort()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "Port on 127.0.0.1 (default 5080; 0 picks a free one).",
            DefaultValueFactory = _ => 5080,
        };
        port.Validators.Add(result =>
        {
            // A value that is not a number is reported by the parser itself.
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var port) && port is < 0 or > 65535)
            {
                result.AddError($"--port must be 0 to 65535, got '{token.Value}'.");
            }
        });
        return port;
    }

    /// <summary>The root command: its options start the emulator, which runs until Ctrl+C or SIGTERM.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(Description) { Schemas, Data, Seeds, Port, ApiKey, AllowHosts, WebhookHosts };
        root.SetAction((result, cancellationToken) => ServeAsync(result, EmulatorOptionsFrom(result), output, error, cancellationToken));
        var export = new Command("export", "Write every list's records (from --data and/or --seed) to a seed file, keyed by list id, in the read shape.") { Out };
        export.SetAction((result, cancellationToken) => ExportAsync(ExportOptionsFrom(result), result.GetValue(Out)!, output, error, cancellationToken));
        root.Subcommands.Add(export);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; a parse error prints the usage and exits 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output, error);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = output, Error = error };
        if (parse.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync();
            // The usage of the command that was meant: the root's, or a subcommand's such as 'export'.
            string[] help = parse.CommandResult.Command == root ? ["--help"] : [parse.CommandResult.Command.Name, "--help"];
            await root.Parse(help).InvokeAsync(new InvocationConfiguration { Output = error, Error = error });
            return BadArguments;
        }

        return await parse.InvokeAsync(invocation);
    }

    /// <summary>The emulator's options from the parsed command line.</summary>
    public static WorkiomEmulatorOptions EmulatorOptionsFrom(ParseResult result) => new()
    {
        SchemaPaths = (result.GetValue(Schemas) ?? []).ToList(),
        DatabasePath = result.GetValue(Data),
        SeedPaths = (result.GetValue(Seeds) ?? []).ToList(),
        Port = result.GetValue(Port),
        ApiKey = ApiKeyFrom(result),
        AllowedHosts = (result.GetValue(AllowHosts) ?? []).ToList(),
        WebhookHosts = (result.GetValue(WebhookHosts) ?? []).ToList(),
        ConsoleWarnings = true,
    };

    /// <summary>--api-key, else a non-empty <see cref="ApiKeyVariable"/>, else <see cref="WorkiomEmulatorOptions.DefaultApiKey"/>.</summary>
    private static string ApiKeyFrom(ParseResult result) =>
        result.GetValue(ApiKey)
        ?? (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : WorkiomEmulatorOptions.DefaultApiKey);

    /// <summary>How the key is announced: the default one in full (it is public), a chosen one only by where it came from.</summary>
    private static string ApiKeyLine(ParseResult result, string apiKey) =>
        apiKey == WorkiomEmulatorOptions.DefaultApiKey ? $"API key: {apiKey}"
        : result.GetValue(ApiKey) is not null ? "API key: (as given with --api-key)"
        : $"API key: (as given in {ApiKeyVariable})";

    /// <summary>Starts the emulator, or writes why it could not start and returns the exit code.</summary>
    private static async Task<(WorkiomEmulator? Emulator, int ExitCode)> StartAsync(WorkiomEmulatorOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return (await WorkiomEmulator.StartAsync(options, cancellationToken), Stopped);
        }
        catch (Exception ex) when (ex is SnapshotException or SeedException)
        {
            await error.WriteLineAsync(ex.Message);
            return (null, StartFailed);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return (null, BadArguments);
        }
        catch (EmulatorStoreException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return (null, StartFailed);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"The emulator could not start: {ex.Message}");
            return (null, StartFailed);
        }
    }

    private static async Task<int> ExportAsync(WorkiomEmulatorOptions options, string path, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Export reads: a --data file that is not there is a mistake (a typo), not an empty store to export over --out.
        if (options.DatabasePath is { } data && !File.Exists(data))
        {
            await error.WriteLineAsync($"The data file '{Path.GetFullPath(data)}' does not exist; nothing was exported.");
            return StartFailed;
        }

        var (emulator, exitCode) = await StartAsync(options, error, cancellationToken);
        if (emulator is null)
        {
            return exitCode;
        }

        await using (emulator)
        {
            var target = Path.GetFullPath(path);
            var partial = target + ".partial";
            try
            {
                await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    await emulator.ExportAsync(file, cancellationToken);
                }

                File.Move(partial, target, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                File.Delete(partial);
                await error.WriteLineAsync($"The export could not be written to {target}: {ex.Message}");
                return StartFailed;
            }

            await output.WriteLineAsync($"Exported {emulator.ListIds.Count} lists to {target}");
        }

        return Stopped;
    }

    /// <summary>The options of an emulator that only exports: any free port, the default key, no console output.</summary>
    private static WorkiomEmulatorOptions ExportOptionsFrom(ParseResult result) => new()
    {
        SchemaPaths = (result.GetValue(Schemas) ?? []).ToList(),
        DatabasePath = result.GetValue(Data),
        SeedPaths = (result.GetValue(Seeds) ?? []).ToList(),
        Port = 0,
    };

    private static async Task<int> ServeAsync(ParseResult result, WorkiomEmulatorOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var data = options.DatabasePath;
        var (started, exitCode) = await StartAsync(options, error, cancellationToken);
        if (started is not { } emulator)
        {
            return exitCode;
        }

        await using (emulator)
        {
            // Ctrl+C (SIGINT) and SIGTERM (docker stop, a test's kill) stop it cleanly, as does a cancelled invocation.
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.TrySetResult();
            }

            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

            // Announced only once the signals are handled: a caller that stops it on reading these lines is heard.
            await output.WriteLineAsync($"Workiom emulator listening on {emulator.BaseAddress}");
            await output.WriteLineAsync(ApiKeyLine(result, emulator.ApiKey));
            await output.WriteLineAsync($"Lists: {emulator.ListIds.Count}; data: {data ?? "in memory (lost on exit)"}");
            await output.WriteLineAsync("Press Ctrl+C to stop.");
            await output.FlushAsync(cancellationToken);
            await stop.Task;
        }

        return Stopped;
    }
}
