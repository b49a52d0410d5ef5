using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workiom.Emulator.Records;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Tests;

/// <summary>What a write observer (the hook webhooks hang on) hears: committed creates and updates, nothing else.</summary>
public sealed class RecordWriteObserverTests
{
    private sealed class Recorder : IRecordWriteObserver
    {
        public List<(string ListId, bool Created, JsonObject Record)> Writes { get; } = [];

        public void RecordWritten(ListSchema list, bool created, JsonObject readRecord)
        {
            lock (Writes)
            {
                Writes.Add((list.Id, created, readRecord));
            }
        }
    }

    private static async Task<(WorkiomEmulator Emulator, HttpClient Client, Recorder Recorder)> StartAsync()
    {
        var recorder = new Recorder();
        var emulator = await WorkiomEmulator.StartAsync(
            new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots },
            services => services.AddSingleton<IRecordWriteObserver>(recorder),
            CancellationToken.None);
        var client = TestEmulator.NewClient(emulator);
        client.DefaultRequestHeaders.Add("X-Api-Key", emulator.ApiKey);
        return (emulator, client, recorder);
    }

    private static async Task<Reply> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return await TestEmulator.ReadAsync(response);
    }

    [Fact]
    public async Task Creates_replaces_and_partial_updates_are_told_with_the_record_as_read()
    {
        var (emulator, client, recorder) = await StartAsync();
        await using var _ = emulator;
        using var __ = client;

        var created = await SendAsync(client, HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}", new JsonObject { [Ids.DealName] = "Acme", [Ids.Amount] = 10 });
        var id = created.Id;
        await SendAsync(client, HttpMethod.Put, $"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={id}", new JsonObject { [Ids.Amount] = 20 });
        await SendAsync(client, HttpMethod.Put, $"api/services/app/Data/Update?listId={Ids.Deals}&id={id}", new JsonObject { [Ids.DealName] = "Acme 2" });

        Assert.Collection(
            recorder.Writes,
            w =>
            {
                Assert.True(w.Created);
                Assert.Equal(Ids.Deals, w.ListId);
                Assert.Equal(created.Record.ToJsonString(), w.Record.ToJsonString());
            },
            w =>
            {
                Assert.False(w.Created);
                Assert.Equal(id, w.Record["_id"]!.GetValue<string>());
                Assert.Equal(20, w.Record[Ids.Amount]!.GetValue<decimal>());
            },
            w =>
            {
                Assert.False(w.Created);
                Assert.Equal("Acme 2", w.Record[Ids.DealName]!.GetValue<string>());
            });
    }

    [Fact]
    public async Task Refused_writes_reads_and_deletes_are_not_told()
    {
        var (emulator, client, recorder) = await StartAsync();
        await using var _ = emulator;
        using var __ = client;

        var refused = await SendAsync(client, HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}", new JsonObject { ["999999"] = "no such field" });
        var missing = await SendAsync(client, HttpMethod.Put, $"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id=000000000000000000000000", new JsonObject { [Ids.Amount] = 1 });
        var created = await SendAsync(client, HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}", new JsonObject { [Ids.DealName] = "Kept" });
        recorder.Writes.Clear();
        await SendAsync(client, HttpMethod.Get, $"api/services/app/Data/Get?listId={Ids.Deals}&id={created.Id}");
        await SendAsync(client, HttpMethod.Delete, $"api/services/app/Data/Delete?listId={Ids.Deals}&id={created.Id}");

        HttpStatus.Is(HttpStatusCode.BadRequest, refused);
        HttpStatus.Is(HttpStatusCode.NotFound, missing);
        Assert.Empty(recorder.Writes);
    }

    [Fact]
    public async Task The_observer_gets_its_own_copy_of_the_record()
    {
        var recorder = new Recorder();
        var mutating = new MutatingObserver();
        await using var emulator = await WorkiomEmulator.StartAsync(
            new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots },
            services => services.AddSingleton<IRecordWriteObserver>(mutating).AddSingleton<IRecordWriteObserver>(recorder),
            CancellationToken.None);
        using var client = TestEmulator.NewClient(emulator);
        client.DefaultRequestHeaders.Add("X-Api-Key", emulator.ApiKey);

        var created = await SendAsync(client, HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}", new JsonObject { [Ids.DealName] = "Acme" });

        Assert.Equal("Acme", created.Record[Ids.DealName]!.GetValue<string>());
        Assert.Equal("Acme", Assert.Single(recorder.Writes).Record[Ids.DealName]!.GetValue<string>());
    }

    private sealed class MutatingObserver : IRecordWriteObserver
    {
        public void RecordWritten(ListSchema list, bool created, JsonObject readRecord) => readRecord[Ids.DealName] = "changed";
    }
}
