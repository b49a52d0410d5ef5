using System.Text.Json.Nodes;
using Workiom.Emulator.Webhooks;

namespace Workiom.Emulator.Tests;

/// <summary>ResetAsync with the emulator's data features: seed files load again, webhooks start over.</summary>
public sealed class ResetTests : IDisposable
{
    private const string SeededId = "64432f26b032d10001e89d00";

    private readonly string _folder = Directory.CreateTempSubdirectory("workiom-reset-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ResetAsync_loads_the_seed_again_and_removes_webhook_subscriptions_and_their_log()
    {
        var seed = Path.Combine(_folder, "seed.json");
        await File.WriteAllTextAsync(seed, $$"""{ "{{Ids.Companies}}": [ { "_id": "{{SeededId}}", "{{Ids.CompanyName}}": "Seeded" } ] }""");
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, SeedPaths = [seed] });
        var emulator = host.Emulator;
        emulator.Webhooks.Subscribe(Ids.Companies, new Uri("http://127.0.0.1:9/hook"), WebhookEvent.Created);
        var created = await host.PostAsync($"api/services/app/Data/Create?listId={Ids.Companies}", new JsonObject { [Ids.CompanyName] = "Made by the test" });
        Assert.True(created.Success, created.ErrorMessage);
        Assert.Equal(2, await emulator.CountRecordsAsync(Ids.Companies));

        await emulator.ResetAsync();

        Assert.Equal([SeededId], await emulator.GetRecordIdsAsync(Ids.Companies));
        Assert.Empty(emulator.Webhooks.Subscriptions);
        Assert.Empty(emulator.Webhooks.Deliveries);
    }
}
