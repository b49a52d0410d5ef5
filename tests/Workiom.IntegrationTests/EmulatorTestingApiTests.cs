using System.Text;
using Workiom.Emulator;
using Workiom.Emulator.Faults;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>
/// What a user's tests call on the emulator besides the API: a client for it, the typed records it stored, and a
/// reset to an empty store. Each test starts its own emulator, since a reset empties the store of every test sharing it.
/// </summary>
public sealed class EmulatorTestingApiTests
{
    private static WorkiomEmulatorOptions Options(string? databasePath = null) =>
        new() { SchemaPaths = { EmulatorFixture.SchemaDirectory }, DatabasePath = databasePath };

    [Fact]
    public async Task CreateClient_points_a_client_at_the_emulator_with_its_key_and_the_caller_s_options()
    {
        await using var emulator = await WorkiomEmulator.StartAsync(Options());

        using var client = emulator.CreateClient(options => options.PageSize = 7);
        var created = await client.Companies().CreateAsync(new Company { CompanyName = "Client Co" });

        Assert.Equal(emulator.BaseAddress.ToString().TrimEnd('/'), client.Options.BaseUrl.TrimEnd('/'));
        Assert.Equal(emulator.ApiKey, client.Options.ApiKey);
        Assert.Equal(7, client.Options.PageSize);
        Assert.Equal([created.Id!], await emulator.GetRecordIdsAsync(Company.WorkiomListId));
    }

    [Fact]
    public async Task GetRecordsAsync_reads_every_stored_record_in_the_read_shape_oldest_first()
    {
        await using var emulator = await WorkiomEmulator.StartAsync(Options());
        using var client = emulator.CreateClient();
        var acme = await client.Companies().CreateAsync(new Company { CompanyName = "Acme", Industry = Company.IndustryOption.Software });
        var first = new Deal { DealName = "first", Amount = 10m, Stage = Deal.StageOption.Won };
        first.Company.Add(acme);
        await client.Deals().CreateAsync(first);
        await client.Deals().CreateAsync(new Deal { DealName = "second" });
        acme.CompanyName = "Acme Corp";
        await client.Companies().UpdateAsync(acme);

        var deals = await emulator.GetRecordsAsync<Deal>();
        var companies = await emulator.GetRecordsAsync<Company>();

        Assert.Equal(["first", "second"], deals.Select(d => d.DealName));
        Assert.Equal(Deal.StageOption.Won, deals[0].Stage);
        Assert.Equal(10m, deals[0].Amount);
        // The read shape: the link's label is the target's current name, and AutoNumbers are filled.
        Assert.Equal("Acme Corp", Assert.Single(deals[0].Company).Label);
        Assert.Equal(deals[0].DealNo + 1, deals[1].DealNo);
        Assert.Equal(Company.IndustryOption.Software, Assert.Single(companies).Industry);
        Assert.All(deals, d => Assert.False(d.HasChanges));
    }

    [Fact]
    public async Task GetRecordsAsync_fires_no_fault_and_refuses_a_list_the_emulator_does_not_serve()
    {
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = { Path.Combine(EmulatorFixture.SchemaDirectory, "companies.json") },
        });
        emulator.Faults.Enqueue(new EmulatorFault(null, FaultKind.ServerError));

        Assert.Empty(await emulator.GetRecordsAsync<Company>());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => emulator.GetRecordsAsync<Deal>());

        Assert.Contains(Deal.WorkiomListId, refused.Message);
        Assert.Equal(1, emulator.Faults.Pending);
    }

    [Fact]
    public async Task ResetAsync_empties_records_files_and_AutoNumbers_and_clears_faults()
    {
        await using var emulator = await WorkiomEmulator.StartAsync(Options());
        using var client = emulator.CreateClient(options => options.MaxAttempts = 1);
        var before = await client.Deals().CreateAsync(new Deal { DealName = "before" });
        WorkiomFile file;
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.4\n")))
        {
            file = await client.UploadFileAsync(stream, "reset.pdf", "application/pdf");
        }

        before.Contract.Add(file);
        before = await client.Deals().UpdateAsync(before);
        string storedFileId = before.Contract.Single().Id!;
        await client.Companies().CreateAsync(new Company { CompanyName = "before" });
        emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.ServerError, times: 3));

        await emulator.ResetAsync();

        Assert.Equal(0, emulator.Faults.Pending);
        Assert.Empty(await emulator.GetRecordsAsync<Deal>());
        Assert.Equal(0, await emulator.CountRecordsAsync(Company.WorkiomListId));
        await Assert.ThrowsAnyAsync<WorkiomException>(() => client.DownloadFileAsync(storedFileId));
        var after = await client.Deals().CreateAsync(new Deal { DealName = "after" });
        Assert.Equal(before.DealNo, after.DealNo);
        Assert.Equal(["after"], (await emulator.GetRecordsAsync<Deal>()).Select(d => d.DealName));
    }

    [Fact]
    public async Task ResetAsync_empties_a_file_store_for_good()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-reset-");
        try
        {
            string database = Path.Combine(folder.FullName, "workiom.db");
            await using (var emulator = await WorkiomEmulator.StartAsync(Options(database)))
            {
                using var client = emulator.CreateClient();
                await client.Deals().CreateAsync(new Deal { DealName = "kept until reset" });
                await emulator.ResetAsync();
                await client.Deals().CreateAsync(new Deal { DealName = "after reset" });
            }

            await using var again = await WorkiomEmulator.StartAsync(Options(database));
            Assert.Equal(["after reset"], (await again.GetRecordsAsync<Deal>()).Select(d => d.DealName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
