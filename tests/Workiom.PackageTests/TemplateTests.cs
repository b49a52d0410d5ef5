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

        // Bad settings end the app with one line naming the setting, never the key, and exit code 2.
        const string Key = "key-that-must-not-be-printed";
        var run = await DotnetCli.RunAsync(folder, ConsumerProject.BuildTimeout,
            new Dictionary<string, string> { ["WORKIOM_API_KEY"] = Key, ["WORKIOM_BASE_URL"] = "http://example.com" },
            "run", "--project", project, "--no-build", "--configuration", "Debug");
        Assert.True(run.ExitCode == 2, "The app did not end with exit code 2 on a plain-http base URL. " + run.Describe());
        Assert.Contains("Workiom:BaseUrl", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Output, StringComparison.Ordinal);
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
    /// Project names a user may well type that collide with what the template's code uses: a C# keyword, the
    /// client's own namespace, and names of types the code calls (Console, Host, Environment, the worker's own
    /// Worker, WorkiomLists). The namespace made from the name must not hide them, and no using may repeat one.
    /// Only the app is built (its restore is the only one), with warnings as errors.
    /// </summary>
    [Theory]
    [InlineData("Console", "console")]
    [InlineData("Host", "console")]
    [InlineData("Environment", "console")]
    [InlineData("WorkiomLists", "console")]
    [InlineData("class", "console")]
    [InlineData("Workiom", "console")]
    [InlineData("Worker", "worker")]
    public async Task A_project_named_like_a_type_or_keyword_the_template_uses_builds(string name, string kind)
    {
        var template = await TemplatePackage.For(feed);

        string folder = await template.NewAsync(name, "--kind", kind);

        var build = await TemplatePackage.BuildAsync(Path.Combine(folder, name + ".csproj"), "-p:TreatWarningsAsErrors=true");
        Assert.True(build.ExitCode == 0, $"dotnet new workiom -n {name} --kind {kind} did not build. " + build.Describe());
    }

    /// <summary>
    /// MSBuild reads an Include as a ';'-separated list and XML ends an attribute at its quote: the test
    /// project finds the app without repeating its name, and builds it through that reference. (A quote in a
    /// project's name is as far as the template goes: the C# compiler takes no quote in a file name.)
    /// </summary>
    [Theory]
    [InlineData("Say \"hi\"", false)]
    [InlineData("a;b", true)]
    public async Task The_test_projects_reference_to_the_app_survives_quotes_and_semicolons_in_the_name(string name, bool compilable)
    {
        var template = await TemplatePackage.For(feed);

        string folder = await template.NewAsync(name);

        string tests = Path.Combine(folder, "tests", name + ".Tests.csproj");
        var reference = XDocument.Load(tests).Descendants("ProjectReference").Single();
        Assert.Equal(@"..\*.csproj", (string?)reference.Attribute("Include"));
        if (compilable)
        {
            var build = await TemplatePackage.BuildInFolderAsync(Path.Combine(folder, "tests"));
            Assert.True(build.ExitCode == 0, $"The test project of dotnet new workiom -n {name} did not build. " + build.Describe());
            Assert.True(File.Exists(Path.Combine(folder, "tests", "bin", "Debug", "net10.0", name + ".dll")),
                "The test project's build did not build the app through its reference:\n" + Listing(folder));
        }
    }

    private static string Listing(string folder) =>
        string.Join('\n', Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file)).Order(StringComparer.Ordinal));
}
