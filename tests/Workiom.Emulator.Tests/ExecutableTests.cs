using System.Diagnostics;
using System.Net;

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
            string? key = null;
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
                else if (line.StartsWith("API key: ", StringComparison.Ordinal))
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

        public static Process Start(params string[] args)
        {
            var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
            var info = new ProcessStartInfo(host)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
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
    [InlineData("--port", "seventy")]
    [InlineData("--frobnicate")]
    [InlineData("--data", "x.db")]
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
}
