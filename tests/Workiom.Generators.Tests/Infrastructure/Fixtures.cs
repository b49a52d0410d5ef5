namespace Workiom.Generators.Tests.Infrastructure;

/// <summary>The Workiom payload fixtures and the repository's snapshots, copied beside the tests.</summary>
public static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static byte[] ReadBytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static SnapshotFile Deals(string? path = null) => new(path ?? "/repo/schemas/deals.json", Read("lists-get.deals.json"));

    public static SnapshotFile Companies(string? path = null) => new(path ?? "/repo/schemas/companies.json", Read("lists-get.companies.json"));
}
