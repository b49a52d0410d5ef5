using Crm;
using Crm.Lists;
using Spectre.Console;
using Workiom.Emulator;
using Workiom.Http;
using Workiom.Schema;

// With nothing configured, the sample starts the Workiom emulator on loopback, serving the same
// snapshots its types are generated from, and walks through the product end to end: typed records and queries,
// a webhook receiver fed by the emulator, and the same code against a second tenant with other ids. With
// WORKIOM_API_KEY (and optionally WORKIOM_BASE_URL) it reads a real tenant, and writes only with --write:
// a tenant that has the sample's exact lists (by id); on any other tenant it says so and exits with 1.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

if (Console.IsOutputRedirected)
{
    // Piped or in CI: no terminal width to read, so give the tables room instead of wrapping at 80.
    AnsiConsole.Profile.Width = 140;
}

bool write = args.Contains("--write", StringComparer.Ordinal);
string? apiKey = Environment.GetEnvironmentVariable("WORKIOM_API_KEY");

try
{
    if (string.IsNullOrEmpty(apiKey))
    {
        await using var emulator = await WorkiomEmulator.StartAsync(
            new WorkiomEmulatorOptions { SchemaPaths = { Path.Combine(AppContext.BaseDirectory, "schemas") } },
            cancellation.Token);
        AnsiConsole.MarkupLine($"[grey]No WORKIOM_API_KEY set: started the Workiom emulator at[/] {emulator.BaseAddress}");

        using var client = new WorkiomClient(new WorkiomClientOptions
        {
            BaseUrl = emulator.BaseAddress.ToString(),
            ApiKey = emulator.ApiKey,
            PageSize = 2, // small pages, so the streaming query below visibly pages
        });
        var tour = new CrmTour(client, AnsiConsole.Console);
        await tour.WriteAsync(cancellation.Token);
        await tour.ReadAsync(cancellation.Token);

        // Webhooks: a receiver on loopback, fed by the emulator's delivery of an updated deal.
        await new WebhookTour(client, AnsiConsole.Console).RunAsync(WebhookTour.DefaultTimeout, cancellation.Token);

        // Environments: a second tenant with the same lists and different ids, served from schemas/staging.
        await using var staging = await WorkiomEmulator.StartAsync(
            new WorkiomEmulatorOptions { SchemaPaths = { Path.Combine(AppContext.BaseDirectory, "schemas", "staging") } },
            cancellation.Token);
        using var stagingClient = new WorkiomClient(new WorkiomClientOptions
        {
            BaseUrl = staging.BaseAddress.ToString(),
            ApiKey = staging.ApiKey,
            Environment = "staging",
        });
        await new EnvironmentTour(AnsiConsole.Console).RunAsync(
            [("Primary tenant", client, emulator.GetStoredRecordJsonAsync), ("Staging tenant", stagingClient, staging.GetStoredRecordJsonAsync)],
            cancellation.Token);
    }
    else
    {
        string baseUrl = Environment.GetEnvironmentVariable("WORKIOM_BASE_URL") is { Length: > 0 } configured ? configured : WorkiomClientOptions.DefaultBaseUrl;
        AnsiConsole.MarkupLine($"[grey]Using the Workiom tenant at[/] {Markup.Escape(baseUrl)} [grey]({(write ? "read and write" : "read-only; pass --write to create records")})[/]");
        using var client = new WorkiomClient(new WorkiomClientOptions { BaseUrl = baseUrl, ApiKey = apiKey });

        // The sample's types are generated from its own snapshots, so it reads and writes those exact lists
        // (by id). A tenant without them cannot run it: say so instead of failing at the first query.
        var lists = await client.CheckSchemasAsync([Deal.WorkiomSchema, Company.WorkiomSchema], cancellation.Token);
        var missing = lists.Lists.Where(list => list.Changes.Any(change => change.Kind == WorkiomSchemaDiff.ListRemoved)).ToList();
        if (missing.Count > 0)
        {
            AnsiConsole.MarkupLine("[red]This tenant does not have the sample's lists[/] " +
                Markup.Escape(string.Join(", ", missing.Select(list => $"\"{list.ListName}\" ({list.ListId})"))) + ".");
            AnsiConsole.MarkupLine("The sample runs only against the emulator (unset WORKIOM_API_KEY) or a tenant with those exact lists. " +
                "For your own lists, start a project with [bold]dotnet new workiom[/] and [bold]workiom schema pull --app <id> --out schemas[/] (see README, Quick start).");
            return 1;
        }

        var tour = new CrmTour(client, AnsiConsole.Console);
        if (write)
        {
            await tour.WriteAsync(cancellation.Token);
        }

        await tour.ReadAsync(cancellation.Token);
        AnsiConsole.MarkupLine("[grey]The webhook and environment steps run against the emulator only (unset WORKIOM_API_KEY).[/]");
    }

    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
    return 130;
}
catch (Workiom.WorkiomException ex)
{
    AnsiConsole.MarkupLine($"[red]Workiom said:[/] {Markup.Escape(ex.Message)}");
    return 1;
}
catch (TimeoutException ex)
{
    AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
    return 1;
}
