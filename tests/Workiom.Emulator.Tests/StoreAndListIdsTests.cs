namespace Workiom.Emulator.Tests;

/// <summary>A data file the emulator cannot use fails the start with one typed exception; ListIds follows the catalog.</summary>
public sealed class StoreAndListIdsTests
{
    [Fact]
    public async Task A_data_file_that_is_not_sqlite_throws_EmulatorStoreException_naming_it()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-store-");
        try
        {
            var data = Path.Combine(folder.FullName, "notes.txt");
            await File.WriteAllTextAsync(data, "These are notes, not a SQLite database. They are long enough to fill a header page or more of text.");

            var ex = await Assert.ThrowsAsync<EmulatorStoreException>(() =>
                WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, DatabasePath = data }));

            Assert.Contains(data, ex.Message, StringComparison.Ordinal);
            Assert.NotNull(ex.InnerException);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_data_file_whose_folder_cannot_be_created_throws_EmulatorStoreException()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-store-");
        try
        {
            // A file stands where the folder would go, so the folder cannot be created (whoever runs the test).
            var blocker = Path.Combine(folder.FullName, "blocker");
            await File.WriteAllTextAsync(blocker, "a file, not a folder");
            var data = Path.Combine(blocker, "sub", "workiom.db");

            var ex = await Assert.ThrowsAsync<EmulatorStoreException>(() =>
                WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, DatabasePath = data }));

            Assert.Contains(data, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ListIds_is_kept_while_the_lists_stay_and_follows_a_replaced_snapshot()
    {
        await using var host = await TestEmulator.StartAsync();
        var before = host.Emulator.ListIds;
        Assert.Same(before, host.Emulator.ListIds);

        var snapshot = TestEmulator.Fixture("lists-get.companies.json");
        snapshot["result"]!["id"] = "new-list-id";
        snapshot["result"]!["name"] = "New list";
        host.Emulator.ReplaceListSnapshot(snapshot.ToJsonString());

        var after = host.Emulator.ListIds;
        Assert.Contains("new-list-id", after);
        Assert.DoesNotContain("new-list-id", before);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.IsNotAssignableFrom<List<string>>(after);
    }
}
