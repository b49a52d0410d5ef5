using System.Runtime.InteropServices;

namespace Workiom.Emulator;

/// <summary>
/// <c>dotnet run --project src/Workiom.Emulator -- --schemas schemas --data workiom.db [--port 5080] [--api-key KEY]</c>
/// </summary>
internal static class Program
{
    private const string Usage =
        """
        Workiom emulator: a local Workiom API on 127.0.0.1 for development and tests.

        Usage: Workiom.Emulator --schemas <dir-or-file>... [--data <file.db>] [--port <n>] [--api-key <key>] [--allow-host <name>]...

          --schemas   Lists/Get snapshot files or folders of them (repeat the option for several).
          --data      SQLite file for records and files; kept across restarts. Omit to keep data in memory.
          --port      Port on 127.0.0.1 (default 5080; 0 picks a free one).
          --api-key   Key clients send as X-Api-Key (default "workiom-emulator-key").
          --allow-host  A Host name to answer besides localhost, 127.0.0.0/8 and [::1] (repeatable;
                        "*.example.test" allows its subdomains). Other Host headers get HTTP 400.
        """;

    public static async Task<int> Main(string[] args)
    {
        var schemas = new List<string>();
        string? data = null;
        var port = 5080;
        var apiKey = WorkiomEmulatorOptions.DefaultApiKey;
        var allowedHosts = new List<string>();

        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                switch (args[i])
                {
                    case "--schemas" or "-s":
                        schemas.Add(Next());
                        break;
                    case "--data" or "-d":
                        data = Next();
                        break;
                    case "--port" or "-p":
                        var text = Next();
                        if (!int.TryParse(text, out port) || port is < 0 or > 65535)
                        {
                            throw new ArgumentException($"--port must be 0 to 65535, got '{text}'.");
                        }

                        break;
                    case "--api-key" or "-k":
                        apiKey = Next();
                        break;
                    case "--allow-host":
                        allowedHosts.Add(Next());
                        break;
                    case "--help" or "-h":
                        Console.WriteLine(Usage);
                        return 0;
                    default:
                        throw new ArgumentException($"Unknown option '{args[i]}'.");
                }
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        if (schemas.Count == 0)
        {
            Console.Error.WriteLine("--schemas is required.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        WorkiomEmulator emulator;
        try
        {
            emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
            {
                SchemaPaths = schemas,
                DatabasePath = data,
                Port = port,
                ApiKey = apiKey,
                AllowedHosts = allowedHosts,
                ConsoleWarnings = true,
            });
        }
        catch (SnapshotException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"The emulator could not start: {ex.Message}");
            return 1;
        }

        await using (emulator)
        {
            Console.WriteLine($"Workiom emulator listening on {emulator.BaseAddress}");
            Console.WriteLine($"API key: {emulator.ApiKey}");
            Console.WriteLine($"Lists: {emulator.ListIds.Count}; data: {data ?? "in memory (lost on exit)"}");
            Console.WriteLine("Press Ctrl+C to stop.");

            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.TrySetResult();
            };
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.TrySetResult();
            });
            await stop.Task;
        }

        return 0;
    }
}
