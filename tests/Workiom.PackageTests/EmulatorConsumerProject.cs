using System.Xml.Linq;

namespace Workiom.PackageTests;

/// <summary>
/// A throwaway xunit test project, as a user writes one: PackageReferences only (Workiom.Client and
/// Workiom.Emulator.Xunit from the local feed, the xunit packages this repository pins), the CRM snapshots as
/// <c>WorkiomSchema</c> items copied beside the tests for the emulator, and EmulatorConsumer/RoundTripTests.cs.
/// It lives under the feed's work folder, outside the repository, behind empty Directory.Build/Directory.Packages files.
/// </summary>
public sealed class EmulatorConsumerProject
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(5);

    private EmulatorConsumerProject(string folder) => Folder = folder;

    public string Folder { get; }

    public string SchemasFolder => Path.Combine(Folder, "schemas");

    public static EmulatorConsumerProject Create(PackedFeed feed, string name)
    {
        string folder = Path.Combine(feed.WorkFolder, name);
        if (PackedFeed.IsUnder(folder, feed.RepositoryRoot))
        {
            throw new InvalidOperationException($"The consumer {folder} would be inside the repository {feed.RepositoryRoot}.");
        }

        var project = new EmulatorConsumerProject(folder);
        Directory.CreateDirectory(project.SchemasFolder);
        foreach (string guard in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, guard), "<Project />\n");
        }

        File.WriteAllText(Path.Combine(folder, "EmulatorConsumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>EmulatorConsumer</RootNamespace>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
                <!-- The advisories of the dependencies are not these packages' build; the audit also needs the network. -->
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedFeed.PackageId}" Version="{feed.Version}" />
                <PackageReference Include="{PackedFeed.FixturePackageId}" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{PinnedVersion(feed, "Microsoft.NET.Test.Sdk")}" />
                <PackageReference Include="xunit" Version="{PinnedVersion(feed, "xunit")}" />
                <PackageReference Include="xunit.runner.visualstudio" Version="{PinnedVersion(feed, "xunit.runner.visualstudio")}" />
              </ItemGroup>
              <ItemGroup>
                <WorkiomSchema Include="schemas/*.json" />
                <WorkiomSchema Include="schemas/staging/*.json" Environment="staging" />
                <None Include="schemas/**/*.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "EmulatorConsumer", "RoundTripTests.cs"), Path.Combine(folder, "RoundTripTests.cs"));
        foreach (string crm in new[] { "deals.json", "companies.json" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "schemas", crm), Path.Combine(project.SchemasFolder, crm));
        }

        // The same lists as a second tenant has them (every id differs, one field renamed and mapped).
        Directory.CreateDirectory(Path.Combine(project.SchemasFolder, "staging"));
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "schemas", "staging"), "*.json"))
        {
            File.Copy(file, Path.Combine(project.SchemasFolder, "staging", Path.GetFileName(file)));
        }

        return project;
    }

    /// <summary>Restores against the local feed, builds and runs the tests: one command, as a user runs them.</summary>
    public Task<DotnetResult> TestAsync() => DotnetCli.RunAsync(Folder, TestTimeout,
        "test", "--configuration", "Debug", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off", "-v:minimal");

    /// <summary>The version this repository pins for <paramref name="packageId"/> in Directory.Packages.props.</summary>
    private static string PinnedVersion(PackedFeed feed, string packageId) =>
        XDocument.Load(Path.Combine(feed.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(element => (string?)element.Attribute("Include") == packageId)
            .Attribute("Version")!.Value;
}
