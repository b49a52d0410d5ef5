using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

/// <summary>The executable a newcomer runs (the workiom-emulator tool): prints where it listens and its key, and keeps data in its file.</summary>
public sealed class ExecutableTests
{
    private sealed class RunningEmulator : IAsyncDisposable
    {
        private readonly Process _process;

        private RunningEmulator(Process process, Uri baseAddress, string apiKey)
        {
            _process = process;
            BaseAddress = baseAddress;
            ApiKey = apiKey;
        }

        public Uri BaseAddress { get; }
        public string ApiKey { get; }

        public static async Task<RunningEmulator> StartAsync(params string[] args)
        {
            var process = Start(args);
            string? listening = null;
            // A chosen key is not printed (only the default one is): it is the one passed.
            var given = Array.IndexOf(args, "--api-key");
            var key = given >= 0 && given + 1 < args.Length ? args[given + 1] : null;
            // Bounded: the first lines name the address and the key, or the process has failed.
            for (var i = 0; i < 10 && (listening is null || key is null); i++)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (line is null)
                {
                    break;
                }

                if (line.StartsWith("Workiom emulator listening on ", StringComparison.Ordinal))
                {
                    listening = line["Workiom emulator listening on ".Length..].Trim();
                }
                else if (key is null && line.StartsWith("API key: ", StringComparison.Ordinal))
                {
                    key = line["API key: ".Length..].Trim();
                }
            }

            if (listening is null || key is null)
            {
                var error = await process.StandardError.ReadToEndAsync();
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("The emulator did not announce itself: " + error);
            }

            return new RunningEmulator(process, new Uri(listening), key);
        }

        public static Process Start(params string[] args) => Start(environment: null, args);

        public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
        {
            var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
            var info = new ProcessStartInfo(host)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            info.Environment.Remove("WORKIOM_EMULATOR_API_KEY");
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                info.Environment[name] = value;
            }

            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "workiom-emulator.dll"));
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            return Process.Start(info) ?? throw new InvalidOperationException("Could not start the emulator process.");
        }

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            return client;
        }

        /// <summary>Sends a POSIX signal (as Ctrl+C or docker stop do) and waits, bounded, for the exit code.</summary>
        public async Task<int> StopWithAsync(string signal)
        {
            using (var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }

    [Fact]
    public async Task The_executable_serves_the_schemas_and_keeps_records_in_its_file_across_restarts()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-exe-");
        string[] args = ["--schemas", Path.Combine(AppContext.BaseDirectory, "fixtures"), "--data", Path.Combine(folder.FullName, "workiom.db"), "--port", "0", "--api-key", "exe-key"];
        try
        {
            string id;
            await using (var first = await RunningEmulator.StartAsync(args))
            {
                using var client = first.Client();
                using var response = await client.PostAsync(
                    $"api/services/app/Data/Create?listId={Ids.Companies}",
                    new StringContent($$"""{"{{Ids.CompanyName}}":"Kept by the file"}""", System.Text.Encoding.UTF8, "application/json"));
                var created = await TestEmulator.ReadAsync(response);
                Assert.True(created.Success, created.ErrorMessage);
                id = created.Id;
                Assert.Equal("127.0.0.1", first.BaseAddress.Host);
                Assert.Equal("exe-key", first.ApiKey);
            }

            await using var second = await RunningEmulator.StartAsync(args);
            using var again = second.Client();
            using var read = await again.GetAsync($"api/services/app/Data/Get?listId={Ids.Companies}&id={id}");
            var record = await TestEmulator.ReadAsync(read);

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("Kept by the file", record.Record[Ids.CompanyName]!.GetValue<string>());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Ctrl_C_and_SIGTERM_stop_the_executable_with_exit_code_0(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX signals; Windows has neither kill nor SIGTERM.
        }

        await using var emulator = await RunningEmulator.StartAsync("--schemas", Path.Combine(AppContext.BaseDirectory, "fixtures"), "--port", "0");

        Assert.Equal(0, await emulator.StopWithAsync(signal));
    }

    [Theory]
    [InlineData("--port", "seventy")]
    [InlineData("--frobnicate")]
    [InlineData("--data", "x.db")]
    [InlineData("export", "--schemas", "fixtures")]
    public async Task Bad_arguments_exit_with_usage(params string[] args)
    {
        using var process = RunningEmulator.Start(args);
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public async Task Allow_host_adds_a_name_the_executable_answers_to()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            "--schemas", Path.Combine(AppContext.BaseDirectory, "fixtures"), "--port", "0", "--allow-host", "emulator.test");
        using var client = emulator.Client();

        async Task<HttpStatusCode> StatusForAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/services/app/Apps/GetAll") { Headers = { Host = host } };
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusForAsync("emulator.test"));
        Assert.Equal(HttpStatusCode.OK, await StatusForAsync("localhost"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusForAsync("other.test"));
    }

    [Fact]
    public async Task Allow_host_star_is_refused()
    {
        using var process = RunningEmulator.Start("--schemas", Path.Combine(AppContext.BaseDirectory, "fixtures"), "--port", "0", "--allow-host", "*");
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("'*'", error);
    }

    [Fact]
    public async Task A_schema_path_that_does_not_exist_fails_with_a_clear_message()
    {
        using var process = RunningEmulator.Start("--schemas", Path.Combine(AppContext.BaseDirectory, "no-such-folder"), "--port", "0");
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("no-such-folder", error);
    }

    [Fact]
    public async Task Export_writes_the_seed_format_and_seed_starts_the_executable_with_it()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-seed-");
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        try
        {
            var seed = Path.Combine(folder.FullName, "seed.json");
            await File.WriteAllTextAsync(seed, $$"""{ "{{Ids.Companies}}": [ { "_id": "64432f26b032d10001e89d00", "{{Ids.CompanyName}}": "Seeded \"Co\"", "9999999": { "kept": [1.50, null] } } ] }""");
            var exported = Path.Combine(folder.FullName, "export.json");

            using (var export = RunningEmulator.Start("export", "--schemas", fixtures, "--seed", seed, "--out", exported))
            {
                var error = await export.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
                await export.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
                Assert.True(export.ExitCode == 0, error);
            }

            var lists = JsonNode.Parse(await File.ReadAllTextAsync(exported))!.AsObject();
            var company = Assert.Single(lists[Ids.Companies]!.AsArray())!.AsObject();
            Assert.Equal("64432f26b032d10001e89d00", company["_id"]!.GetValue<string>());
            Assert.Equal("Seeded \"Co\"", company[Ids.CompanyName]!.GetValue<string>());
            Assert.Equal("""{"kept":[1.50,null]}""", company["9999999"]!.ToJsonString());
            Assert.Empty(lists[Ids.Deals]!.AsArray());

            await using var served = await RunningEmulator.StartAsync("--schemas", fixtures, "--seed", exported, "--port", "0");
            using var client = served.Client();
            using var read = await client.GetAsync($"api/services/app/Data/Get?listId={Ids.Companies}&id=64432f26b032d10001e89d00");
            var record = await TestEmulator.ReadAsync(read);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("Seeded \"Co\"", record.Record[Ids.CompanyName]!.GetValue<string>());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Export_from_a_data_file_that_does_not_exist_fails_and_leaves_the_out_file_alone()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-export-");
        try
        {
            // A typo in --data must not turn the user's seed file into empty lists.
            var seed = Path.Combine(folder.FullName, "seed.json");
            const string kept = """{ "kept": "the user's own seed" }""";
            await File.WriteAllTextAsync(seed, kept);
            var missing = Path.Combine(folder.FullName, "typo", "workiom.db");

            using var export = RunningEmulator.Start("export", "--schemas", Path.Combine(AppContext.BaseDirectory, "fixtures"), "--data", missing, "--out", seed);
            var error = await export.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await export.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.NotEqual(0, export.ExitCode);
            Assert.Contains("workiom.db", error);
            Assert.Equal(kept, await File.ReadAllTextAsync(seed));
            Assert.False(File.Exists(missing), "export created the data file it was asked to read.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_seed_file_fails_with_exit_code_1_and_names_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-seed-");
        try
        {
            var seed = Path.Combine(folder.FullName, "broken-seed.json");
            await File.WriteAllTextAsync(seed, $$"""{ "{{Ids.Companies}}": [ { "{{Ids.CompanyName}}": """);
            using var process = RunningEmulator.Start("--schemas", Path.Combine(AppContext.BaseDirectory, "fixtures"), "--seed", seed, "--port", "0");
            try
            {
                var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

                Assert.Equal(1, process.ExitCode);
                Assert.Contains("broken-seed.json", error);
            }
            finally
            {
                // An emulator that started despite the bad seed must not outlive the test.
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_data_file_that_is_not_sqlite_fails_with_exit_code_1_and_one_line()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-data-");
        try
        {
            var data = Path.Combine(folder.FullName, "notes.txt");
            await File.WriteAllTextAsync(data, "These are notes, not a SQLite database. They are long enough to fill a header page or more of text.");
            using var process = RunningEmulator.Start("--schemas", Path.Combine(AppContext.BaseDirectory, "fixtures"), "--data", data, "--port", "0");
            try
            {
                var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

                Assert.Equal(1, process.ExitCode);
                var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                Assert.Contains("notes.txt", line, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("option")]
    [InlineData("environment")]
    public async Task A_chosen_api_key_is_not_printed_but_is_the_key_served(string source)
    {
        const string secret = "chosen-key-7f3a9c";
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        using var process = source == "option"
            ? RunningEmulator.Start("--schemas", fixtures, "--port", "0", "--api-key", secret)
            : RunningEmulator.Start(new Dictionary<string, string> { ["WORKIOM_EMULATOR_API_KEY"] = secret }, "--schemas", fixtures, "--port", "0");
        try
        {
            var lines = new List<string>();
            // Bounded: the announcement ends with the Ctrl+C line, or the process has failed.
            for (var i = 0; i < 10; i++)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (line is null)
                {
                    break;
                }

                lines.Add(line);
                if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
                {
                    break;
                }
            }

            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.Contains(source == "option" ? "API key: (as given with --api-key)" : "API key: (as given in WORKIOM_EMULATOR_API_KEY)", lines);

            var listening = lines.Single(line => line.StartsWith("Workiom emulator listening on ", StringComparison.Ordinal));
            using var client = new HttpClient { BaseAddress = new Uri(listening["Workiom emulator listening on ".Length..].Trim()), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("X-Api-Key", secret);
            using var reply = await client.GetAsync("api/services/app/Apps/GetAll");
            Assert.Equal(System.Net.HttpStatusCode.OK, reply.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task Webhook_host_reaches_the_options_and_a_lone_star_is_refused_with_exit_code_2()
    {
        // WebhookHosts refuses a lone "*" at start: the refusal shows the flag was read into the options.
        using var process = RunningEmulator.Start("--schemas", Path.Combine(AppContext.BaseDirectory, "fixtures"), "--port", "0", "--webhook-host", "*");
        try
        {
            var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(2, process.ExitCode);
            Assert.Contains("*", error, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
