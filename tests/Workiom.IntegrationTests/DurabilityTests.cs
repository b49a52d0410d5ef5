using System.Text;
using Workiom.Emulator;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>Records, links, files and AutoNumbers written through the client survive an emulator restart on a file database.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workiom-integration-").FullName;

    public void Dispose()
    {
        // SQLite pools connections; clear them so the database file can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task What_was_written_reads_back_after_a_restart_on_the_same_file()
    {
        string database = Path.Combine(_folder, "workiom.db");
        byte[] content = Encoding.UTF8.GetBytes("%PDF-1.4 kept across restarts");
        string companyId, dealId, fileId;
        long dealNo;

        await using (var emulator = await Start(database))
        {
            using var client = Clients.For(emulator);
            var company = await client.Companies().CreateAsync(new Company { CompanyName = "Durable Ltd", Employees = 42 }, default);
            var deal = new Deal { DealName = "Durable deal", Amount = 9_999.5m, Stage = Deal.StageOption.Won, ExpectedClose = new DateOnly(2025, 12, 31) };
            deal.Company.Add(company);
            deal.Tags.Add(Deal.TagsOption.Renewal);
            using (var stream = new MemoryStream(content))
            {
                deal.Contract.Add(await client.UploadFileAsync(stream, "durable.pdf", "application/pdf", default));
            }

            deal = await client.Deals().CreateAsync(deal, default);
            deal.Probability = 90;
            await client.Deals().UpdateAsync(deal, default);
            companyId = company.Id!;
            dealId = deal.Id!;
            dealNo = deal.DealNo!.Value;
            fileId = deal.Contract.Single().Id!;
        }

        await using (var restarted = await Start(database))
        {
            using var client = Clients.For(restarted);
            var deal = await client.Deals().GetAsync(dealId, default);
            var company = await client.Companies().GetAsync(companyId, default);

            Assert.Equal("Durable deal", deal.DealName);
            Assert.Equal(9_999.5m, deal.Amount);
            Assert.Equal(90m, deal.Probability);
            Assert.Equal(Deal.StageOption.Won, deal.Stage);
            Assert.Equal(new DateOnly(2025, 12, 31), deal.ExpectedClose);
            Assert.Equal([Deal.TagsOption.Renewal], deal.Tags);
            Assert.Equal(dealNo, deal.DealNo);
            Assert.Equal("Durable Ltd", Assert.Single(deal.Company).Label);
            Assert.Equal(dealId, Assert.Single(company.Deals).Id);
            Assert.Equal(1, await restarted.CountRecordsAsync(Deal.WorkiomListId));

            await using (var download = await client.DownloadFileAsync(fileId, default))
            {
                var bytes = new MemoryStream();
                await download.CopyToAsync(bytes);
                Assert.Equal(content, bytes.ToArray());
            }

            // The AutoNumber sequence continues where it stopped instead of starting over.
            var next = await client.Deals().CreateAsync(new Deal { DealName = "After restart" }, default);
            Assert.Equal(dealNo + 1, next.DealNo);
        }
    }

    private static Task<WorkiomEmulator> Start(string database) =>
        WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { EmulatorFixture.SchemaDirectory }, DatabasePath = database });
}
