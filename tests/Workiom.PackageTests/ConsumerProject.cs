using System.Text.RegularExpressions;

namespace Workiom.PackageTests;

/// <summary>
/// A throwaway console app that references the packed Workiom.Client from the local feed, as a user's project
/// does: one PackageReference, its snapshots as <c>WorkiomSchema</c> items, nullable on, warnings as errors and
/// documentation on (so a bad doc comment in generated code is an error). It lives under the feed's work folder,
/// outside the repository, behind empty Directory.Build/Directory.Packages files so no build file above applies.
/// </summary>
public sealed partial class ConsumerProject
{
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private readonly PackedFeed _feed;

    private ConsumerProject(PackedFeed feed, string folder)
    {
        _feed = feed;
        Folder = folder;
    }

    public string Folder { get; }

    public string SchemasFolder => Path.Combine(Folder, "schemas");

    /// <summary>The XML documentation the build writes for the consumer, generated types included.</summary>
    public string DocumentationFile => Path.Combine(Folder, "bin", "Debug", "net10.0", "Consumer.xml");

    /// <summary>Writes a consumer named <paramref name="name"/> with the CRM snapshots and <paramref name="snapshots"/>.</summary>
    public static ConsumerProject Create(PackedFeed feed, string name, IEnumerable<SnapshotFile> snapshots)
    {
        string folder = Path.Combine(feed.WorkFolder, name);
        if (PackedFeed.IsUnder(folder, feed.RepositoryRoot))
        {
            throw new InvalidOperationException($"The consumer {folder} would be inside the repository {feed.RepositoryRoot}.");
        }

        var consumer = new ConsumerProject(feed, folder);
        Directory.CreateDirectory(consumer.SchemasFolder);
        // Stop MSBuild's search for these files here: nothing from a folder above takes part in the build.
        foreach (string guard in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, guard), "<Project />\n");
        }

        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <!-- The advisories of the dependencies are not this package's build; the audit also needs the network. -->
                <NuGetAudit>false</NuGetAudit>
                <!-- The hostile snapshots earn these on purpose (an unknown data type, two lists named alike);
                     they are warnings a user sees, and must not stop the build of everything else. -->
                <WarningsNotAsErrors>WKM0006;WKM0011</WarningsNotAsErrors>
                <NoWarn>$(NoWarn);WKM0006;WKM0011</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedFeed.PackageId}" Version="{feed.Version}" />
              </ItemGroup>
              <ItemGroup>
                <WorkiomSchema Include="schemas/*.json" />
                <None Update="schemas/*.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Consumer", "Program.cs"), Path.Combine(folder, "Program.cs"));
        foreach (string crm in new[] { "deals.json", "companies.json" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "schemas", crm), Path.Combine(consumer.SchemasFolder, crm));
        }

        foreach (var snapshot in snapshots)
        {
            File.WriteAllText(Path.Combine(consumer.SchemasFolder, snapshot.FileName), snapshot.Json);
        }

        return consumer;
    }

    /// <summary>Restores against the local feed and builds, no build server or node left running.</summary>
    public Task<DotnetResult> BuildAsync() => DotnetCli.RunAsync(Folder, BuildTimeout,
        "build", "--configuration", "Debug", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off", "-v:minimal");

    public Task<DotnetResult> RunAsync() => DotnetCli.RunAsync(Folder, RunTimeout,
        "run", "--no-build", "--configuration", "Debug");

    /// <summary>The warnings of a build's output (MSBuild prints each one as "file(line,col): warning CODE: ...").</summary>
    public static IReadOnlyList<string> Warnings(DotnetResult build) =>
        WarningPattern().Matches(build.Output).Select(match => match.Value.Trim()).Distinct().ToList();

    /// <summary>The Workiom.Client folder restore made for this run, to prove the package came from the feed.</summary>
    public string? RestoredPackageFolder =>
        _feed.GlobalPackagesFolder is { } packages
            ? Path.Combine(packages, PackedFeed.PackageId.ToLowerInvariant(), _feed.Version)
            : null;

    [GeneratedRegex(@"^.*\bwarning [A-Z]+[0-9]+\b.*$", RegexOptions.Multiline)]
    private static partial Regex WarningPattern();
}

/// <summary>What building and then running a consumer gave; the run is missing when the build failed.</summary>
public sealed record ConsumerOutcome(ConsumerProject Project, DotnetResult Build, DotnetResult? Run)
{
    public static async Task<ConsumerOutcome> BuildAndRunAsync(PackedFeed feed, string name, IEnumerable<SnapshotFile> snapshots)
    {
        var project = ConsumerProject.Create(feed, name, snapshots);
        var build = await project.BuildAsync();
        var run = build.ExitCode == 0 ? await project.RunAsync() : null;
        return new ConsumerOutcome(project, build, run);
    }
}
