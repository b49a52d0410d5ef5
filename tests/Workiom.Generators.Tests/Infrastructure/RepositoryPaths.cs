namespace Workiom.Generators.Tests.Infrastructure;

/// <summary>
/// Folders of the repository, found from the test binaries (caller file paths are mapped to
/// <c>/_/</c> in deterministic CI builds, so they cannot be used).
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestProject => Path.Combine(Root, "tests", "Workiom.Generators.Tests");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Generators.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
