using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Crm.Lists;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Workiom;
using Workiom.AspNetCore;
using Workiom.Http;
using Workiom.Webhooks;

namespace Crm;

/// <summary>
/// A webhook receiver for the Deals list: an ASP.NET Core endpoint on loopback (<c>MapWorkiomWebhook&lt;Deal&gt;</c>)
/// subscribed to Workiom's "record updated" webhook. The sample updates a deal; Workiom (here the emulator) POSTs
/// the record keyed by field names, and the endpoint hands it over as a typed <see cref="Deal"/>.
/// </summary>
internal sealed class WebhookTour(WorkiomClient client, IAnsiConsole console)
{
    /// <summary>How long to wait for the delivery before giving up (a delivery on loopback takes milliseconds).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts the receiver, subscribes it, updates a deal and returns the webhook that reports the update.</summary>
    /// <exception cref="TimeoutException">No webhook for the updated deal arrived within <paramref name="timeout"/>.</exception>
    public async Task<WorkiomWebhook<Deal>> RunAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        console.Write(new Rule("[bold]Receive a webhook: the updated deal arrives as a typed Deal[/]").LeftJustified());
        var received = Channel.CreateUnbounded<WorkiomWebhook<Deal>>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));   // any free port
        await using var app = builder.Build();
        app.MapWorkiomWebhook<Deal>("/hooks/deals", (WorkiomWebhook<Deal> hook, CancellationToken _) =>
        {
            received.Writer.TryWrite(hook);
            return Task.CompletedTask;
        });
        await app.StartAsync(cancellationToken);
        try
        {
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var url = new Uri(new Uri(address), "hooks/deals");
            var deals = client.Deals();
            var subscription = await deals.Webhooks.SubscribeAsync(url, WorkiomWebhookEvent.Updated, cancellationToken: cancellationToken);
            console.MarkupLine($"Receiver at {Markup.Escape(url.ToString())}, subscribed to updates of Deals (subscription {Markup.Escape(subscription.Id)}).");
            try
            {
                var deal = await deals.CreateAsync(new Deal { DealName = "Hooli webhook pilot", Amount = 30_000m, Stage = Deal.StageOption.Qualified }, cancellationToken);
                deal.Stage = Deal.StageOption.Won;
                deal.Probability = 100;
                deal = await deals.UpdateAsync(deal, cancellationToken);

                var hook = await WaitForAsync(received.Reader, deal.Id!, timeout, cancellationToken);
                var record = hook.Record;
                var table = new Table().AddColumns("Webhook", "Value");
                table.AddRow("Event", hook.Event?.ToString() ?? "(not given)");
                table.AddRow("Record id", Markup.Escape(record.Id ?? ""));
                table.AddRow("DealName", Markup.Escape(record.DealName ?? ""));
                table.AddRow("Amount", record.Amount?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "");
                table.AddRow("Stage", Markup.Escape(record.Stage?.Label ?? ""));
                table.AddRow("Probability", record.Probability?.ToString(CultureInfo.InvariantCulture) ?? "");
                table.AddRow("Payload keys", hook.AllKeysMatched
                    ? "every key matched a field"
                    : Markup.Escape("not matched: " + string.Join(", ", hook.UnmatchedKeys.Concat(hook.AmbiguousKeys))));
                console.Write(table);
                return hook;
            }
            finally
            {
                await deals.Webhooks.UnsubscribeAsync(subscription.Id, CancellationToken.None);
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<WorkiomWebhook<Deal>> WaitForAsync(ChannelReader<WorkiomWebhook<Deal>> reader, string recordId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var hook = await reader.ReadAsync(wait.Token);
                if (hook.Record.Id == recordId)
                {
                    return hook;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No webhook for the updated deal {recordId} arrived within {timeout.TotalSeconds:0} seconds.");
        }
    }
}
