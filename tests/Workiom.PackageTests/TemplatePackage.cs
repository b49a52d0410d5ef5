using System.Runtime.CompilerServices;

namespace Workiom.PackageTests;

/// <summary>
/// Workiom.Templates packed into a <see cref="PackedFeed"/>'s folder feed, under the feed's version, and installed
/// into a template hive of its own under the feed's work folder (<c>--debug:custom-hive</c>), so neither the
/// user's installed templates nor a second run sees it. Made once per feed, on first use; the projects it
/// makes live under the feed's work folder, outside the repository, and go with it.
/// </summary>
public sealed class TemplatePackage
{
    public const string PackageId = "Workiom.Templates";

    public static readonly TimeSpan NewTimeout = TimeSpan.FromMinutes(1);

    private static readonly ConditionalWeakTable<PackedFeed, Lazy<Task<TemplatePackage>>> PerFeed = [];

    private readonly PackedFeed _feed;

    private TemplatePackage(PackedFeed feed)
    {
        _feed = feed;
        Hive = Path.Combine(feed.WorkFolder, "template-hive");
        ProjectsFolder = Path.Combine(feed.WorkFolder, "from-template");
    }

    public string PackagePath => Path.Combine(_feed.FeedFolder, $"{PackageId}.{_feed.Version}.nupkg");

    /// <summary>The template hive: what <c>dotnet new install</c> wrote, away from the user's own.</summary>
    public string Hive { get; }

    /// <summary>Where <see cref="NewAsync"/> makes projects; stops MSBuild's search for build files above it.</summary>
    public string ProjectsFolder { get; }

    /// <summary>The template package of <paramref name="feed"/>, packed and installed once.</summary>
    public static Task<TemplatePackage> For(PackedFeed feed) =>
        PerFeed.GetValue(feed, f => new Lazy<Task<TemplatePackage>>(() => CreateAsync(f))).Value;

    /// <summary>
    /// <c>dotnet new workiom -n <paramref name="name"/></c> (plus <paramref name="options"/>) into a folder of
    /// <see cref="ProjectsFolder"/>, as a user types it.
    /// </summary>
    public async Task<string> NewAsync(string name, params string[] options)
    {
        string output = Path.Combine(ProjectsFolder, name);
        var result = await DotnetCli.RunAsync(ProjectsFolder, NewTimeout,
            ["new", "workiom", "-n", name, "-o", output, "--debug:custom-hive", Hive, .. options]);
        if (result.ExitCode != 0 || !Directory.Exists(output))
        {
            throw new InvalidOperationException($"dotnet new workiom -n '{name}' failed. {result.Describe()}");
        }

        return output;
    }

    /// <summary>Builds a project or folder made by the template against the feed, no build server or node left running.</summary>
    public static Task<DotnetResult> BuildAsync(string project, params string[] properties) =>
        BuildInAsync(Path.GetDirectoryName(project)!, [project, .. properties]);

    /// <summary>
    /// <c>dotnet build</c> run in <paramref name="folder"/> on the one project there, its path not on the command
    /// line (the dotnet CLI drops a quote from a path it hands to MSBuild).
    /// </summary>
    public static Task<DotnetResult> BuildInFolderAsync(string folder) => BuildInAsync(folder, []);

    private static Task<DotnetResult> BuildInAsync(string folder, string[] arguments) => DotnetCli.RunAsync(folder, ConsumerProject.BuildTimeout,
        ["build", .. arguments, "--configuration", "Debug", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off", "-v:minimal",
        // The advisories of the dependencies are not the template's build; the audit also needs the network.
        "-p:NuGetAudit=false"]);

    private static async Task<TemplatePackage> CreateAsync(PackedFeed feed)
    {
        var package = new TemplatePackage(feed);
        // The intermediate and output files of the pack go to the work folder, not the repository's templates/.
        var pack = await DotnetCli.RunAsync(feed.RepositoryRoot, PackedFeed.PackTimeout,
            "pack", Path.Combine(feed.RepositoryRoot, "templates", "Workiom.Templates.csproj"),
            "--output", feed.FeedFolder,
            "--artifacts-path", Path.Combine(feed.WorkFolder, "template-artifacts"),
            "-p:PackageVersion=" + feed.Version,
            "-nodeReuse:false",
            "-tl:off");
        if (pack.ExitCode != 0 || !File.Exists(package.PackagePath))
        {
            throw new InvalidOperationException($"Packing {PackageId} {feed.Version} failed, or made no {package.PackagePath}. {pack.Describe()}");
        }

        Directory.CreateDirectory(package.ProjectsFolder);
        foreach (string guard in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(package.ProjectsFolder, guard), "<Project />\n");
        }

        var install = await DotnetCli.RunAsync(package.ProjectsFolder, NewTimeout,
            "new", "install", package.PackagePath, "--debug:custom-hive", package.Hive);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"Installing {package.PackagePath} failed. {install.Describe()}");
        }

        return package;
    }
}
