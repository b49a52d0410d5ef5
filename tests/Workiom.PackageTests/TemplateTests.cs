using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace Workiom.PackageTests;

/// <summary>
/// <c>dotnet new workiom</c> as a user meets it: the packed Workiom.Templates installed from the feed, a project
/// made outside the repository, built against the packed Workiom.Client and its test project run against the
/// packed emulator, before any <c>workiom schema pull</c>.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class TemplateTests(PackedFeed feed)
{
    [Fact]
    public async Task The_package_is_a_template_package_whose_projects_reference_the_packages_of_its_own_version()
    {
        var template = await TemplatePackage.For(feed);
        using var package = ZipFile.OpenRead(template.PackagePath);

        var nuspec = XDocument.Load(package.GetEntry(TemplatePackage.PackageId + ".nuspec")!.Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var types = nuspec.Descendants(ns + "packageType").Select(type => (string?)type.Attribute("name")).ToList();
        Assert.Equal(["Template"], types);
        Assert.DoesNotContain(package.Entries, entry => entry.FullName.StartsWith("lib/", StringComparison.Ordinal)
            || entry.FullName.Contains("/bin/", StringComparison.Ordinal) || entry.FullName.Contains("/obj/", StringComparison.Ordinal));

        using var json = JsonDocument.Parse(package.GetEntry("content/workiom/.template.config/template.json")!.Open());
        var root = json.RootElement;
        Assert.Equal("workiom", root.GetProperty("shortName").GetString());
        Assert.Equal(feed.Version, root.GetProperty("symbols").GetProperty("clientVersion").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public async Task A_console_app_named_with_a_space_builds_against_the_packed_client_and_its_tests_pass_on_the_emulator()
    {
        var template = await TemplatePackage.For(feed);

        string folder = await template.NewAsync("My App");

        string project = Path.Combine(folder, "My App.csproj");
        string tests = Path.Combine(folder, "tests", "My App.Tests.csproj");
        Assert.True(File.Exists(project) && File.Exists(tests), "The template made:\n" + Listing(folder));
        Assert.False(File.Exists(Path.Combine(folder, "Worker.cs")), "The console app holds the worker's Worker.cs.");
        var csproj = XDocument.Load(project);
        Assert.Equal("My_App", csproj.Descendants("RootNamespace").Single().Value);
        Assert.Equal(feed.Version, (string?)csproj.Descendants("PackageReference").Single(r => (string?)r.Attribute("Include") == PackedFeed.PackageId).Attribute("Version"));
        Assert.Equal("schemas/*.json", (string?)csproj.Descendants("WorkiomSchema").Single().Attribute("Include"));
        using (var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "appsettings.json"))))
        {
            var workiom = settings.RootElement.GetProperty("Workiom");
            Assert.False(workiom.TryGetProperty("ApiKey", out _) || workiom.TryGetProperty("Password", out _), "appsettings.json holds a credential.");
        }

        // The test project builds the app through its project reference: one restore and one build for both.
        var build = await TemplatePackage.BuildAsync(tests);
        Assert.True(build.ExitCode == 0, "The project made by the template did not build. " + build.Describe());
        var warnings = ConsumerProject.Warnings(build);
        Assert.True(warnings.Count == 0, $"The project made by the template built with {warnings.Count} warning(s):\n{string.Join('\n', warnings)}");
        string restored = Path.Combine(feed.GlobalPackagesFolder!, PackedFeed.PackageId.ToLowerInvariant(), feed.Version);
        Assert.True(Directory.Exists(restored), $"The build did not restore {PackedFeed.PackageId} {feed.Version} from the feed. " + build.Describe());

        var test = await DotnetCli.RunAsync(folder, ConsumerProject.BuildTimeout,
            "test", tests, "--no-build", "--configuration", "Debug", "-nodeReuse:false", "-tl:off");
        Assert.True(test.ExitCode == 0, "The template's tests failed against the emulator. " + test.Describe());
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+2\b", test.Output);
    }

    [Fact]
    public async Task A_worker_builds_against_the_packed_client()
    {
        var template = await TemplatePackage.For(feed);

        string folder = await template.NewAsync("Sync.Worker", "--kind", "worker");

        Assert.True(File.Exists(Path.Combine(folder, "Worker.cs")), "The worker has no Worker.cs:\n" + Listing(folder));
        var project = Path.Combine(folder, "Sync.Worker.csproj");
        Assert.Equal("Microsoft.NET.Sdk.Worker", (string?)XDocument.Load(project).Root!.Attribute("Sdk"));
        var build = await TemplatePackage.BuildAsync(project);
        Assert.True(build.ExitCode == 0, "The worker made by the template did not build. " + build.Describe());
        var warnings = ConsumerProject.Warnings(build);
        Assert.True(warnings.Count == 0, $"The worker built with {warnings.Count} warning(s):\n{string.Join('\n', warnings)}");
    }

    /// <summary>
    /// Project names a user may well type that collide with what the template's code uses: a C# keyword, and
    /// names of types the code calls through their simple name (Console, Host, the worker's own Worker).
    /// The namespace made from the name must not hide them.
    /// </summary>
    [Theory]
    [InlineData("Console", "console")]
    [InlineData("Host", "console")]
    [InlineData("class", "console")]
    [InlineData("Worker", "worker")]
    public async Task A_project_named_like_a_type_or_keyword_the_template_uses_builds(string name, string kind)
    {
        var template = await TemplatePackage.For(feed);

        string folder = await template.NewAsync(name, "--kind", kind);

        var build = await TemplatePackage.BuildAsync(Path.Combine(folder, name + ".csproj"));
        Assert.True(build.ExitCode == 0, $"dotnet new workiom -n {name} --kind {kind} did not build. " + build.Describe());
    }

    [Fact]
    public async Task The_test_projects_reference_to_the_app_survives_quotes_and_semicolons_in_the_name()
    {
        var template = await TemplatePackage.For(feed);

        foreach (string name in new[] { "Say \"hi\"", "a;b" })
        {
            string folder = await template.NewAsync(name);

            var reference = XDocument.Load(Path.Combine(folder, "tests", name + ".Tests.csproj"))
                .Descendants("ProjectReference").Single();
            // MSBuild reads an Include as a ';'-separated list with %XX escapes: one item, naming the app's project.
            string include = (string)reference.Attribute("Include")!;
            Assert.DoesNotContain(";", include, StringComparison.Ordinal);
            Assert.Equal(Path.Combine("..", name + ".csproj").Replace('/', '\\'), Unescape(include));
        }
    }

    private static string Unescape(string msbuild) => System.Text.RegularExpressions.Regex.Replace(
        msbuild, "%([0-9A-Fa-f]{2})", match => ((char)Convert.ToInt32(match.Groups[1].Value, 16)).ToString());

    private static string Listing(string folder) =>
        string.Join('\n', Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file)).Order(StringComparer.Ordinal));
}
