using Workiom.Emulator.Faults;
using Workiom.Http;
using Workiom.ReliabilityTests.Lists;
using Workiom.ReliabilityTests.Support;

namespace Workiom.ReliabilityTests;

/// <summary>Over real HTTP: replies and downloads past their limits are refused, with or without Content-Length.</summary>
public sealed class ReplyLimitTests
{
    private static CancellationToken None => CancellationToken.None;

    [Fact(Timeout = 60_000)]
    public async Task A_page_over_MaxReplyBytes_is_refused_whether_its_length_is_announced_or_streamed()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        for (int i = 0; i < 4; i++)
        {
            await deals.CreateAsync(new Deal { DealName = new string('n', 1000) + i }, None);
        }

        var options = EmulatorSession.ClientOptionsFor(session.Emulator);
        options.MaxReplyBytes = 1024;
        options.PageSize = 10;
        using var small = new WorkiomClient(options);

        // The emulator sends Content-Length: refused before reading.
        var announced = await Assert.ThrowsAsync<WorkiomReplyTooLargeException>(() => small.Deals().Query().ToListAsync(None));
        // A truncated-body fault streams half the page without a length (chunked): counted and cut at the limit.
        session.Emulator.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.TruncatedBody));
        var streamed = await Assert.ThrowsAsync<WorkiomReplyTooLargeException>(() => small.Deals().Query().ToListAsync(None));

        Assert.Contains("announced", announced.Message);
        Assert.Contains("reading stopped at the limit", streamed.Message);
        Assert.Equal(1, session.Emulator.Faults.Fired);
        Assert.Equal(4, (await deals.Query().ToListAsync(None)).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_download_over_MaxDownloadBytes_is_refused_and_one_within_it_arrives_whole()
    {
        await using var session = await EmulatorSession.StartAsync();
        var bytes = new byte[20_000];
        new Random(7).NextBytes(bytes);
        using var upload = new MemoryStream(bytes);
        var file = await session.Client.UploadFileAsync(upload, "scan.bin", "application/octet-stream", None);
        var deal = await session.Client.Deals().CreateAsync(new Deal { DealName = "With file" }, None);
        deal.Contract.Add(file);
        await session.Client.Deals().UpdateAsync(deal, None);
        string storedId = (await session.Client.Deals().GetAsync(deal.Id!, None)).Contract.Single().Id!;

        var options = EmulatorSession.ClientOptionsFor(session.Emulator);
        options.MaxDownloadBytes = 10_000;
        using var small = new WorkiomClient(options);
        var error = await Assert.ThrowsAsync<WorkiomReplyTooLargeException>(() => small.DownloadFileAsync(storedId, None));
        options.MaxDownloadBytes = bytes.Length;
        using var exact = new WorkiomClient(options);
        await using var stream = await exact.DownloadFileAsync(storedId, None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, None);

        Assert.Equal(10_000, error.Limit);
        Assert.Equal(bytes, copy.ToArray());
    }
}
