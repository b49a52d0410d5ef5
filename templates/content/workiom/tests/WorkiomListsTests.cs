using Workiom.Emulator.Xunit;

namespace WorkiomTemplateNs.Tests;

/// <summary>
/// Runs the app's code against the Workiom emulator, which serves the snapshots in schemas/ on loopback with
/// an empty store: no account, no network. The fixture starts one emulator for the class; call
/// <c>ResetAsync</c> for a fresh store, <c>GetRecordsAsync&lt;T&gt;</c> to see what a test stored, and
/// <c>Faults</c> to make the next call fail.
/// </summary>
public sealed class WorkiomListsTests(WorkiomEmulatorFixture workiom) : IClassFixture<WorkiomEmulatorFixture>
{
    [Fact]
    public void Every_snapshot_in_schemas_became_a_list()
    {
        int snapshots = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "schemas"), "*.json").Length;

        Assert.NotEqual(0, snapshots);
        Assert.Equal(snapshots, global::WorkiomTemplateNs.WorkiomLists.Generated.Count);
    }

    [Fact]
    public async Task Each_list_is_as_its_snapshot_says()
    {
        using var output = new StringWriter();

        var report = await global::WorkiomTemplateNs.WorkiomLists.CheckAsync(workiom.Client, output);

        Assert.False(report.HasDrift, output.ToString());
        foreach (var list in global::WorkiomTemplateNs.WorkiomLists.Generated)
        {
            Assert.Contains($"{list.ListName} ({list.ListId}): {list.Fields.Count} fields, as in its snapshot", output.ToString(), StringComparison.Ordinal);
        }
    }
}
