using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Workiom.PackageTests;

/// <summary>
/// The product as a user gets it: Workiom.Client packed, restored from a local feed by a project outside the
/// repository, built with warnings as errors and run. The project-reference tests elsewhere cannot see a
/// package that forgets the generator, its build files or a runtime, or generated code that only compiles
/// with this repository's settings.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackedPackageTests(PackedFeed feed)
{
    /// <summary>Shows text in a failure message with only quotes, backslashes and control characters escaped.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void The_package_carries_the_generator_its_build_files_and_every_runtime()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var entries = package.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);

        foreach (string expected in new[]
        {
            "analyzers/dotnet/cs/Workiom.Generators.dll",
            "build/Workiom.Client.props", "build/Workiom.Client.targets",
            "buildTransitive/Workiom.Client.props", "buildTransitive/Workiom.Client.targets",
            "lib/net8.0/Workiom.Client.dll", "lib/net8.0/Workiom.Client.xml",
            "lib/net10.0/Workiom.Client.dll", "lib/net10.0/Workiom.Client.xml",
            "README.md",
        })
        {
            Assert.True(entries.Contains(expected), $"The package lacks {expected}; it holds:\n{string.Join('\n', entries.Order())}");
        }

        // The generator is an analyzer only: never a compile reference of the consumer, never a package of its own.
        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("Generators", StringComparison.Ordinal));
        var nuspec = XDocument.Load(package.GetEntry("Workiom.Client.nuspec")!.Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(feed.Version, metadata.Element(ns + "version")!.Value);
        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group").ToList();
        Assert.Equal(["net10.0", "net8.0"], groups.Select(group => (string)group.Attribute("targetFramework")!).Order(StringComparer.Ordinal).Select(Short));
        var dependencies = groups.SelectMany(group => group.Elements(ns + "dependency")).Select(dependency => (string)dependency.Attribute("id")!).ToList();
        Assert.Contains("Microsoft.Extensions.Http.Resilience", dependencies);
        Assert.DoesNotContain(dependencies, id => id.StartsWith("Workiom", StringComparison.Ordinal) || id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_consumer_restores_the_packed_package_from_the_local_feed_and_builds_warning_free()
    {
        var outcome = await feed.Consumer;

        Assert.True(outcome.Build.ExitCode == 0, "The consumer of the packed package did not build. " + outcome.Build.Describe());
        var warnings = ConsumerProject.Warnings(outcome.Build);
        Assert.True(warnings.Count == 0, $"The consumer built with {warnings.Count} warning(s):\n{string.Join('\n', warnings)}\n{outcome.Build.Describe()}");
        // The build used this run's package, extracted from the local feed.
        string metadata = Path.Combine(outcome.Project.RestoredPackageFolder!, ".nupkg.metadata");
        Assert.True(File.Exists(metadata), $"Restore did not extract {PackedFeed.PackageId} {feed.Version} to {outcome.Project.RestoredPackageFolder}. " + outcome.Build.Describe());
        using var document = JsonDocument.Parse(File.ReadAllBytes(metadata));
        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetFullPath(feed.FeedFolder)), Path.TrimEndingDirectorySeparator(document.RootElement.GetProperty("source").GetString()!));
    }

    [Fact]
    public async Task The_consumer_writes_typed_records_as_Workiom_payloads_and_reads_them_back()
    {
        var run = await RunAsync();

        Assert.Contains("create payload: {", run.Output, StringComparison.Ordinal);
        Assert.Contains("query: {", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"checked deals\.json: list ""b2a42566-eb5c-40bb-15d8-08d601df4183"" is Consumer\.Lists\.Deal; 26 field names, 12 options, 1 text values round-tripped", run.Output);
        Assert.Matches(@"checked companies\.json: list ""d5192ca5-b7db-4866-a309-7161739f88d5"" is Consumer\.Lists\.Company; 8 field names, 3 options, 1 text values round-tripped", run.Output);
    }

    [Fact]
    public async Task Hostile_names_build_warning_free_and_reach_the_generated_code_exactly()
    {
        var run = await RunAsync();

        foreach (var snapshot in HostileSnapshots.All)
        {
            Assert.True(run.Output.Contains($"checked {snapshot.FileName}: ", StringComparison.Ordinal), $"The consumer did not check {snapshot.FileName}. " + run.Describe());
        }

        // Descriptions become doc comments: each must read back from the XML documentation as the text it was.
        var documentation = XDocument.Load((await feed.Consumer).Project.DocumentationFile);
        string documented = Normalize(string.Join(" ", documentation.Descendants("member").Select(member => member.Value)));
        foreach (string description in HostileSnapshots.All.SelectMany(Descriptions))
        {
            Assert.True(documented.Contains(Normalize(description), StringComparison.Ordinal),
                $"The generated documentation does not hold the description {JsonSerializer.Serialize(description, Readable)} as written.");
        }
    }

    /// <summary>The consumer's run, which must have passed every check it makes (it prints each failure).</summary>
    private async Task<DotnetResult> RunAsync()
    {
        var outcome = await feed.Consumer;
        Assert.True(outcome.Run is not null, "The consumer of the packed package did not build. " + outcome.Build.Describe());
        Assert.True(outcome.Run.ExitCode == 0 && outcome.Run.Output.Contains("consumer: all checks passed", StringComparison.Ordinal),
            "The consumer's checks failed. " + outcome.Run.Describe());
        return outcome.Run;
    }

    /// <summary>
    /// The list's and fields' descriptions. One that is not well-formed UTF-16 (which System.Text.Json refuses to
    /// read) is left out: XML cannot hold it, so the documentation has nothing to compare with.
    /// </summary>
    private static IEnumerable<string> Descriptions(SnapshotFile snapshot)
    {
        using var document = JsonDocument.Parse(snapshot.Json);
        var list = document.RootElement.TryGetProperty("result", out var result) ? result : document.RootElement;
        var owners = new[] { list }.Concat(list.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array ? fields.EnumerateArray() : []);
        var descriptions = new List<string>();
        foreach (var owner in owners)
        {
            if (owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
            {
                try
                {
                    descriptions.Add(description.GetString()!);
                }
                catch (InvalidOperationException)
                {
                }
            }
        }

        return descriptions.Where(description => !string.IsNullOrWhiteSpace(description)).ToList();
    }

    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static string Short(string targetFramework) => targetFramework switch
    {
        "net8.0" or ".NETCoreApp8.0" => "net8.0",
        "net10.0" or ".NETCoreApp10.0" => "net10.0",
        _ => targetFramework,
    };
}
