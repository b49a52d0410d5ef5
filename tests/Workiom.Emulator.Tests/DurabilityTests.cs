using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Records_files_and_numbering_survive_a_restart_on_a_file_database()
    {
        var folder = Directory.CreateTempSubdirectory("workiom-emulator-db-");
        var options = new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, DatabasePath = Path.Combine(folder.FullName, "workiom.db") };
        try
        {
            string dealId;
            string fileId;
            await using (var first = await TestEmulator.StartAsync(options))
            {
                var company = await first.CreateCompanyAsync("Durable Co", employees: 7);
                using var form = new MultipartFormDataContent();
                var part = new ByteArrayContent([9, 8, 7]);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, "file", "kept.bin");
                using var upload = await first.Client.PostAsync("File/Upload", form);
                var token = (await TestEmulator.ReadAsync(upload)).Result![0]!["fileToken"]!.GetValue<string>();
                var deal = await first.CreateDealAsync(new JsonObject
                {
                    [Ids.DealName] = "Survivor",
                    [Ids.Company] = new JsonArray(company),
                    [Ids.Contract] = new JsonArray(new JsonObject { ["_id"] = token, ["FileName"] = "kept.bin" }),
                });
                dealId = deal["_id"]!.GetValue<string>();
                fileId = deal[Ids.Contract]![0]!["_id"]!.GetValue<string>();
            }

            await using var second = await TestEmulator.StartAsync(options);
            var read = await second.GetRecordAsync(Ids.Deals, dealId);
            var next = await second.CreateDealAsync(new JsonObject { [Ids.DealName] = "Newcomer" });
            using var download = await second.Client.GetAsync($"File/DownloadFile?id={fileId}");

            Assert.True(read.Success, read.ErrorMessage);
            Assert.Equal("Survivor", read.Record[Ids.DealName]!.GetValue<string>());
            Assert.Equal("Durable Co", read.Record[Ids.Company]![0]!["label"]!.GetValue<string>());
            Assert.Equal(7m, read.Record[Ids.CompanyEmployees]!.GetValue<decimal>());
            Assert.Equal(2, next[Ids.DealNo]!.GetValue<long>());
            Assert.Equal(2, await second.Emulator.CountRecordsAsync(Ids.Deals));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(new byte[] { 9, 8, 7 }, await download.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task In_memory_emulators_do_not_share_records()
    {
        await using var one = await TestEmulator.StartAsync();
        await using var two = await TestEmulator.StartAsync();

        await one.CreateDealAsync(new JsonObject { [Ids.DealName] = "Only in one" });

        Assert.Equal(1, await one.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.Equal(0, await two.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.NotEqual(one.Emulator.BaseAddress, two.Emulator.BaseAddress);
    }
}
