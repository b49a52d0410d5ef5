using Spectre.Console;
using Workiom.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    return await CliApp.RunAsync(args, AnsiConsole.Console, cancellationToken: cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    AnsiConsole.MarkupLine("[red]error:[/] cancelled.");
    return CliApp.ErrorExitCode;
}
