using Crm;
using Spectre.Console;
using Workiom.Emulator;
using Workiom.Http;

// With nothing configured, the sample starts the Workiom emulator on loopback, serving the same
// snapshots its types are generated from, and walks through the product end to end. With
// WORKIOM_API_KEY (and optionally WORKIOM_BASE_URL) it reads a real tenant, and writes only with --write.
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
    }
    else
    {
        string baseUrl = Environment.GetEnvironmentVariable("WORKIOM_BASE_URL") is { Length: > 0 } configured ? configured : WorkiomClientOptions.DefaultBaseUrl;
        AnsiConsole.MarkupLine($"[grey]Using the Workiom tenant at[/] {Markup.Escape(baseUrl)} [grey]({(write ? "read and write" : "read-only; pass --write to create records")})[/]");
        using var client = new WorkiomClient(new WorkiomClientOptions { BaseUrl = baseUrl, ApiKey = apiKey });
        var tour = new CrmTour(client, AnsiConsole.Console);
        if (write)
        {
            await tour.WriteAsync(cancellation.Token);
        }

        await tour.ReadAsync(cancellation.Token);
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
