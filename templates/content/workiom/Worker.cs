using Workiom;
using Workiom.Http;

namespace WorkiomTemplateNs;

/// <summary>Checks the app's lists against Workiom when it starts, then at the interval set in <c>Worker:CheckInterval</c> (default one hour).</summary>
public sealed class Worker(WorkiomClient workiom, IConfiguration configuration, ILogger<Worker> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Worker:CheckInterval", TimeSpan.FromHours(1));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                using var lines = new StringWriter();
                var report = await WorkiomLists.CheckAsync(workiom, lines, stoppingToken);
                logger.Log(report.HasBreakingDrift ? LogLevel.Warning : LogLevel.Information, "Workiom lists:\n{Lists}", lines.ToString().TrimEnd());
            }
            catch (WorkiomException exception)
            {
                logger.LogWarning("Workiom could not be asked: {Message}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
