using System.Reflection;

namespace Workiom.PackageTests;

/// <summary>
/// The packages a user installs (Workiom.Client, Workiom.Emulator, Workiom.Emulator.Xunit, Workiom.AspNetCore and the
/// Workiom.Emulator.Tool dotnet tool) packed once per test run into a fresh local folder feed, under a prerelease version no run
/// has used before, so the global NuGet packages folder can never hand a consumer a stale copy. The package
/// is made from the build this test project already depends on (in its configuration), with the same
/// <c>dotnet pack</c> a release uses, only without building again. On dispose the feed, the consumers and
/// that version's folder in the global packages folder are deleted.
/// Every test class of <see cref="PackedFeedCollection"/> shares one instance (an xunit collection fixture), so each
/// package is made once per run.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public const string PackageId = "Workiom.Client";

    public const string EmulatorPackageId = "Workiom.Emulator";

    public const string FixturePackageId = "Workiom.Emulator.Xunit";

    public const string ToolPackageId = "Workiom.Emulator.Tool";

    public const string AspNetCorePackageId = "Workiom.AspNetCore";

    /// <summary>Every package of the feed, by the folder of its project under src/.</summary>
    public static readonly IReadOnlyList<string> PackageIds = [PackageId, EmulatorPackageId, FixturePackageId, ToolPackageId, AspNetCorePackageId];

    /// <summary>Safety limits for the child processes; a hang is killed and reported, never waited out.</summary>
    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);

    private const string VersionPrefix = "0.1.0-pkgtest.";

    private readonly Lazy<Task<ConsumerOutcome>> _consumer;

    public PackedFeed()
    {
        _consumer = new Lazy<Task<ConsumerOutcome>>(() => ConsumerOutcome.BuildAndRunAsync(this, "consumer", HostileSnapshots.All));
        RepositoryRoot = FindRepositoryRoot();
        Configuration = typeof(PackedFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "Configuration").Value!;
        // One prerelease identifier of lowercase letters and digits: valid SemVer, and the same folder name in the packages folder.
        Version = VersionPrefix + "r" + Guid.NewGuid().ToString("N");
        WorkFolder = Path.Combine(Path.GetTempPath(), "workiom-pkgtest-" + Guid.NewGuid().ToString("N"));
        FeedFolder = Path.Combine(WorkFolder, "feed");
    }

    public string RepositoryRoot { get; }

    public string Configuration { get; }

    public string Version { get; }

    /// <summary>A temporary folder outside the repository holding the feed and the consumers.</summary>
    public string WorkFolder { get; }

    public string FeedFolder { get; }

    public string PackagePath => PackagePathOf(PackageId);

    /// <summary>Where the feed holds this run's package <paramref name="packageId"/>.</summary>
    public string PackagePathOf(string packageId) => Path.Combine(FeedFolder, $"{packageId}.{Version}.nupkg");

    /// <summary>The global packages folder the consumers' restores extract into, as NuGet reports it for their settings.</summary>
    public string? GlobalPackagesFolder { get; private set; }

    /// <summary>The NuGet settings every consumer under <see cref="WorkFolder"/> inherits.</summary>
    public string NuGetConfigPath => Path.Combine(WorkFolder, "nuget.config");

    /// <summary>
    /// The one consumer the tests share (the CRM snapshots and every hostile one), built and run on first use:
    /// one restore and one compilation keep the run short.
    /// </summary>
    public Task<ConsumerOutcome> Consumer => _consumer.Value;

    public async Task InitializeAsync()
    {
        if (IsUnder(WorkFolder, RepositoryRoot))
        {
            throw new InvalidOperationException($"The temporary folder {WorkFolder} is inside the repository {RepositoryRoot}; the consumer would inherit its build files.");
        }

        Directory.CreateDirectory(FeedFolder);
        File.WriteAllText(NuGetConfigPath, NuGetConfig());
        GlobalPackagesFolder = await FindGlobalPackagesFolderAsync();
        // The packs read the build output only (no build), so they run side by side, each with its own nuspec folder.
        var packs = await Task.WhenAll(PackageIds.Select(id => DotnetCli.RunAsync(RepositoryRoot, PackTimeout,
            "pack", Path.Combine(RepositoryRoot, "src", id, id + ".csproj"),
            "--no-build",
            "--configuration", Configuration,
            "--output", FeedFolder,
            "-p:PackageVersion=" + Version,
            // The nuspec is an intermediate file; keep it out of the repository's obj folder.
            "-p:NuspecOutputPath=" + Path.Combine(WorkFolder, "nuspec", id) + Path.DirectorySeparatorChar,
            "-nodeReuse:false",
            "-tl:off")));
        foreach (var (id, pack) in PackageIds.Zip(packs))
        {
            if (pack.ExitCode != 0 || !File.Exists(PackagePathOf(id)))
            {
                throw new InvalidOperationException($"Packing {id} {Version} failed, or made no {PackagePathOf(id)}. {pack.Describe()}");
            }
        }
    }

    public Task DisposeAsync()
    {
        DeleteFolder(WorkFolder);
        if (GlobalPackagesFolder is not null)
        {
            foreach (string id in PackageIds)
            {
                string packageFolder = Path.Combine(GlobalPackagesFolder, id.ToLowerInvariant());
                DeleteFolder(Path.Combine(packageFolder, Version));
                // A run that was killed before its cleanup leaves its version behind; no run still needs one a day old.
                if (Directory.Exists(packageFolder))
                {
                    foreach (var leftover in new DirectoryInfo(packageFolder).GetDirectories(VersionPrefix + "*"))
                    {
                        if (leftover.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1))
                        {
                            DeleteFolder(leftover.FullName);
                        }
                    }

                    if (!Directory.EnumerateFileSystemEntries(packageFolder).Any())
                    {
                        DeleteFolder(packageFolder);
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The local feed first and nuget.org (for the packages' dependencies) second. Source mapping sends
    /// every Workiom.* package to the local feed only, so no other source can answer for one.
    /// </summary>
    private string NuGetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{System.Security.SecurityElement.Escape(FeedFolder)}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local">
              <package pattern="Workiom.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    /// <summary>Asks NuGet where restores under <see cref="WorkFolder"/> extract packages, so cleanup finds that folder.</summary>
    private async Task<string> FindGlobalPackagesFolderAsync()
    {
        var locals = await DotnetCli.RunAsync(WorkFolder, PackTimeout, "nuget", "locals", "global-packages", "--list");
        const string label = "global-packages:";
        string? line = locals.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal));
        if (locals.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException("Could not find the global packages folder. " + locals.Describe());
        }

        return line[label.Length..].Trim();
    }

    internal static bool IsUnder(string path, string folder)
    {
        string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string parent = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(parent, StringComparison.Ordinal);
    }

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Cleanup is best effort: a file still open elsewhere must not turn a passing run into a failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Generators.sln) is not above " + AppContext.BaseDirectory);
    }
}

/// <summary>The test classes that share one <see cref="PackedFeed"/>: add <c>[Collection(PackedFeedCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
