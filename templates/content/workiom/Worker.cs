using Microsoft.Extensions.Options;
using Workiom.Http;

namespace WorkiomTemplateNs;

/// <summary>The worker's settings, from the <c>Worker</c> section; checked when the app starts.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section the settings come from.</summary>
    public const string Section = "Worker";

    /// <summary>How long the worker waits between checks (default one hour); must be positive.</summary>
    public global::System.TimeSpan CheckInterval { get; set; } = global::System.TimeSpan.FromHours(1);
}

/// <summary>Checks the app's lists against Workiom when it starts, then at the interval set in <c>Worker:CheckInterval</c> (default one hour).</summary>
public sealed class Worker(WorkiomClient workiom, IOptions<global::WorkiomTemplateNs.WorkerOptions> options, ILogger<global::WorkiomTemplateNs.Worker> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval);
        do
        {
            try
            {
                using var lines = new StringWriter();
                var report = await global::WorkiomTemplateNs.WorkiomLists.CheckAsync(workiom, lines, stoppingToken);
                logger.Log(report.HasBreakingDrift ? LogLevel.Warning : LogLevel.Information, "Workiom lists:\n{Lists}", lines.ToString().TrimEnd());
            }
            catch (global::Workiom.WorkiomException exception)
            {
                logger.LogWarning("Workiom could not be asked: {Message}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
