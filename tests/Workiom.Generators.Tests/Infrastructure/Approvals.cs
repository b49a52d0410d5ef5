using Xunit;

namespace Workiom.Generators.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots: <c>Snapshots/NAME.verified.cs</c> holds the approved output. A
/// mismatch writes <c>NAME.received.cs</c> beside it and fails; review the difference and, if it is
/// right, rename the received file over the verified one (or run the tests once with
/// <c>WORKIOM_ACCEPT_SNAPSHOTS=1</c>, which approves every mismatch).
/// </summary>
public static class Approvals
{
    public static void Verify(string actual, string name)
    {
        string folder = Path.Combine(RepositoryPaths.TestProject, "Snapshots");
        string verified = Path.Combine(folder, name + ".verified.cs");
        string received = Path.Combine(folder, name + ".received.cs");
        string normalized = Normalize(actual);
        if (File.Exists(verified) && Normalize(File.ReadAllText(verified)) == normalized)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        if (Environment.GetEnvironmentVariable("WORKIOM_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, normalized);
            return;
        }

        File.WriteAllText(received, normalized);
        Assert.Fail(File.Exists(verified)
            ? $"The generated source differs from {verified}. Compare it with {received}."
            : $"No approved file {verified} yet. Review {received} and rename it to approve it.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');
}
