using System.Reflection;

namespace Workiom.PackageTests;

/// <summary>
/// Workiom.Client packed once per test run into a fresh local folder feed, under a prerelease version no run
/// has used before, so the global NuGet packages folder can never hand a consumer a stale copy. The package
/// is made from the build this test project already depends on (in its configuration), with the same
/// <c>dotnet pack</c> a release uses, only without building again. On dispose the feed, the consumers and
/// that version's folder in the global packages folder are deleted.
/// Every test of the class shares one instance (an xunit class fixture), so the package is made once.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public const string PackageId = "Workiom.Client";

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

    public string PackagePath => Path.Combine(FeedFolder, $"{PackageId}.{Version}.nupkg");

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
        var pack = await DotnetCli.RunAsync(RepositoryRoot, PackTimeout,
            "pack", Path.Combine(RepositoryRoot, "src", "Workiom.Client", "Workiom.Client.csproj"),
            "--no-build",
            "--configuration", Configuration,
            "--output", FeedFolder,
            "-p:PackageVersion=" + Version,
            // The nuspec is an intermediate file; keep it out of the repository's obj folder.
            "-p:NuspecOutputPath=" + Path.Combine(WorkFolder, "nuspec") + Path.DirectorySeparatorChar,
            "-nodeReuse:false",
            "-tl:off");
        if (pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"Packing {PackageId} {Version} failed, or made no {PackagePath}. {pack.Describe()}");
        }
    }

    public Task DisposeAsync()
    {
        DeleteFolder(WorkFolder);
        if (GlobalPackagesFolder is not null)
        {
            string packageFolder = Path.Combine(GlobalPackagesFolder, PackageId.ToLowerInvariant());
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

        return Task.CompletedTask;
    }

    /// <summary>
    /// The local feed first and nuget.org (for the package's dependencies) second. Source mapping sends
    /// Workiom.Client to the local feed only, so no other source can answer for it.
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
              <package pattern="{PackageId}" />
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
