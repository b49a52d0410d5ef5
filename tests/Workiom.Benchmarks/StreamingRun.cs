using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Workiom.Benchmarks.Lists;
using Workiom.Http;

namespace Workiom.Benchmarks;

/// <summary>
/// Streams N deals from an emulator running in its own process (so its memory is not counted),
/// through <c>IAsyncEnumerable</c>, and reports records per second and this process's peak memory.
/// One size per process, so the peak of one size cannot hide in the other's. Not a BenchmarkDotNet
/// benchmark: a single long pass is what shows whether memory grows with the record count.
/// </summary>
public static class StreamingRun
{
    /// <summary>How often, in records, live memory is measured after a full collection.</summary>
    private const int LiveSampleEvery = 2_000;

    public static async Task<int> RunAsync(int recordCount, int pageSize)
    {
        string folder = Directory.CreateTempSubdirectory("workiom-streaming-").FullName;
        string database = Path.Combine(folder, "workiom.db");
        try
        {
            await SeedAsync(database, recordCount);
            using var emulator = StartEmulator(database, out var baseAddress, out string apiKey);
            try
            {
                using var client = new WorkiomClient(new WorkiomClientOptions
                {
                    BaseUrl = baseAddress.ToString(),
                    ApiKey = apiKey,
                    PageSize = pageSize,
                    Timeout = TimeSpan.FromMinutes(5),
                });
                return await StreamAsync(client, recordCount, pageSize);
            }
            finally
            {
                emulator.Kill(entireProcessTree: true);
                await emulator.WaitForExitAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> StreamAsync(WorkiomClient client, int recordCount, int pageSize)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        long peakManaged = managedBefore;
        using var sampling = new CancellationTokenSource();
        // Sampled rather than summed: the question is the most memory held at once, not the total allocated.
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
                try
                {
                    await Task.Delay(5, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        int count = 0;
        decimal checksum = 0;
        long peakLive = managedBefore;
        await foreach (var deal in client.Deals().Query().AsAsyncEnumerable(CancellationToken.None))
        {
            count++;
            checksum += deal.Amount ?? 0;
            if (count % LiveSampleEvery == 0)
            {
                // A full collection first, so this counts what the stream holds, not garbage awaiting collection.
                peakLive = Math.Max(peakLive, GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        watch.Stop();
        sampling.Cancel();
        await sampler;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        if (count != recordCount)
        {
            throw new InvalidOperationException($"Streamed {count} records, expected {recordCount}.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"records={count} pageSize={pageSize} seconds={watch.Elapsed.TotalSeconds:F2} recordsPerSecond={count / watch.Elapsed.TotalSeconds:F0} (includes {count / LiveSampleEvery} forced collections) " +
            $"peakLiveMB={peakLive / 1048576.0:F1} peakHeapMB={peakManaged / 1048576.0:F1} managedBeforeMB={managedBefore / 1048576.0:F1} peakWorkingSetMB={self.PeakWorkingSet64 / 1048576.0:F1} " +
            $"allocatedMB={allocated / 1048576.0:F1} checksum={checksum}"));
        return 0;
    }

    /// <summary>
    /// Creates one deal through the emulator, then copies its stored row N-1 times straight into
    /// SQLite: creating 100 000 records over HTTP would take longer than the whole benchmark.
    /// </summary>
    private static async Task SeedAsync(string database, int recordCount)
    {
        using (var emulator = StartEmulator(database, out var baseAddress, out string apiKey))
        {
            try
            {
                using var client = new WorkiomClient(new WorkiomClientOptions { BaseUrl = baseAddress.ToString(), ApiKey = apiKey });
                var deal = Samples.NewDeal();
                deal.Company.Clear(); // the linked company does not exist in this emulator
                await client.Deals().CreateAsync(deal, CancellationToken.None);
            }
            finally
            {
                emulator.Kill(entireProcessTree: true);
                await emulator.WaitForExitAsync();
            }
        }

        await using var connection = new SqliteConnection("Data Source=" + database + ";Pooling=False");
        await connection.OpenAsync();
        string listId, json;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT list_id, json FROM records LIMIT 1";
            await using var row = await read.ExecuteReaderAsync();
            await row.ReadAsync();
            listId = row.GetString(0);
            json = row.GetString(1);
        }

        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO records (list_id, id, json) VALUES ($list, $id, $json)";
        var idParameter = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$list", listId);
        insert.Parameters.AddWithValue("$json", json);
        for (int i = 1; i < recordCount; i++)
        {
            idParameter.Value = i.ToString("x24", CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static Process StartEmulator(string database, out Uri baseAddress, out string apiKey)
    {
        apiKey = "streaming-benchmark-key";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Workiom.Emulator.dll"),
            "--schemas", Path.Combine(AppContext.BaseDirectory, "schemas"),
            "--data", database, "--port", "0", "--api-key", apiKey,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator.");
        const string marker = "listening on ";
        while (process.StandardOutput.ReadLine() is { } line)
        {
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                baseAddress = new Uri(line[(at + marker.Length)..].Trim());
                // Keep draining its output so a full pipe never blocks the emulator.
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return process;
            }
        }

        throw new InvalidOperationException("The emulator exited before it listened: " + process.StandardError.ReadToEnd());
    }
}
