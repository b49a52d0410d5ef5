using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Workiom.PackageTests;

/// <summary>
/// The emulator as a user installs it: the library and the xunit fixture referenced by a test project outside the
/// repository that runs with <c>dotnet test</c>, and the <c>workiom-emulator</c> tool installed from the local feed.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackedEmulatorTests(PackedFeed feed)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_emulator_packages_depend_on_each_other_at_this_version()
    {
        Assert.Contains(PackedFeed.PackageId, Dependencies(PackedFeed.EmulatorPackageId));
        Assert.Equal(feed.Version, Dependencies(PackedFeed.EmulatorPackageId)[PackedFeed.PackageId]);
        Assert.Equal(feed.Version, Dependencies(PackedFeed.FixturePackageId)[PackedFeed.EmulatorPackageId]);
        Assert.Equal("2.9.3", Dependencies(PackedFeed.FixturePackageId)["xunit.extensibility.core"]);
        Assert.Equal(feed.Version, Dependencies(PackedFeed.AspNetCorePackageId)[PackedFeed.PackageId]);

        foreach (var (id, expected) in new[]
        {
            (PackedFeed.EmulatorPackageId, "lib/net10.0/Workiom.Emulator.dll"),
            (PackedFeed.EmulatorPackageId, "lib/net10.0/Workiom.Emulator.xml"),
            (PackedFeed.FixturePackageId, "lib/net10.0/Workiom.Emulator.Xunit.dll"),
            (PackedFeed.FixturePackageId, "lib/net10.0/Workiom.Emulator.Xunit.xml"),
            (PackedFeed.ToolPackageId, "tools/net10.0/any/workiom-emulator.dll"),
            (PackedFeed.ToolPackageId, "tools/net10.0/any/DotnetToolSettings.xml"),
            (PackedFeed.AspNetCorePackageId, "lib/net10.0/Workiom.AspNetCore.dll"),
            (PackedFeed.AspNetCorePackageId, "lib/net10.0/Workiom.AspNetCore.xml"),
        })
        {
            using var package = ZipFile.OpenRead(feed.PackagePathOf(id));
            var entries = package.Entries.Select(entry => entry.FullName).ToList();
            Assert.True(entries.Contains(expected) && entries.Contains("README.md"), $"{id} lacks {expected} or README.md; it holds:\n{string.Join('\n', entries.Order())}");
        }
    }

    [Fact]
    public async Task A_test_project_with_only_package_references_runs_a_round_trip_through_the_fixture()
    {
        var project = EmulatorConsumerProject.Create(feed, "emulator-consumer");

        var test = await project.TestAsync();

        Assert.True(test.ExitCode == 0, "The consumer's tests against the packed emulator failed. " + test.Describe());
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+3,", test.Output);
    }

    [Fact]
    public async Task The_packed_tool_installs_from_the_feed_and_runs_as_workiom_emulator()
    {
        string toolPath = Path.Combine(feed.WorkFolder, "tools");
        // The work folder's nuget.config maps Workiom.* to the local feed (and --add-source cannot be combined with a mapping).
        var install = await DotnetCli.RunAsync(feed.WorkFolder, ToolTimeout,
            "tool", "install", "--tool-path", toolPath, PackedFeed.ToolPackageId, "--version", feed.Version);
        Assert.True(install.ExitCode == 0, "Installing the packed tool failed. " + install.Describe());

        string tool = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "workiom-emulator.exe" : "workiom-emulator");
        var help = await RunToolAsync(tool, "--help");
        Assert.True(help.ExitCode == 0, "The installed tool's --help failed. " + help.Describe());
        foreach (string option in new[] { "--schemas", "--data", "--seed", "--port", "--api-key", "--allow-host", "export" })
        {
            Assert.Contains(option, help.Output);
        }

        await ServesAndStopsAsync(tool);
    }

    /// <summary>
    /// Starts the installed tool as the README does, reads the address it announces, calls it with its key, and stops
    /// it with SIGTERM (as docker stop does); killed if any step takes too long.
    /// </summary>
    private static async Task ServesAndStopsAsync(string tool)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--schemas", Path.Combine(AppContext.BaseDirectory, "schemas"), "--port", "0", "--api-key", "packed-tool-key" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + tool);
        using var deadline = new CancellationTokenSource(ToolTimeout);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            string? address = null;
            while (address is null && await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                const string Listening = "Workiom emulator listening on ";
                address = line.StartsWith(Listening, StringComparison.Ordinal) ? line[Listening.Length..].Trim() : null;
            }

            Assert.True(address is not null, "The installed tool did not announce its address: " + (process.HasExited ? await error : "(still running)"));
            using (var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) })
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", "packed-tool-key");
                using var reply = await client.GetAsync("api/services/app/Lists/GetAll", deadline.Token);
                string body = await reply.Content.ReadAsStringAsync(deadline.Token);
                Assert.True(reply.IsSuccessStatusCode, body);
                Assert.Contains("\"success\":true", body);
                Assert.Contains("Deals", body);
            }

            if (!OperatingSystem.IsWindows())
            {
                using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync(deadline.Token);
                }

                await process.WaitForExitAsync(deadline.Token);
                Assert.Equal(0, process.ExitCode);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Runs the installed tool, its output read to the end, killed if it does not exit in time.</summary>
    private static async Task<DotnetResult> RunToolAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + tool);
        using var deadline = new CancellationTokenSource(ToolTimeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return new DotnetResult(tool + " " + string.Join(' ', arguments), process.ExitCode, await output + await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The dependencies of a packed package's nuspec, by id, with their versions.</summary>
    private Dictionary<string, string> Dependencies(string packageId)
    {
        using var package = ZipFile.OpenRead(feed.PackagePathOf(packageId));
        var nuspec = XDocument.Load(package.GetEntry(packageId + ".nuspec")!.Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        return nuspec.Descendants(ns + "dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);
    }
}
