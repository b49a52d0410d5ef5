using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workiom.Http;

namespace Workiom.Schema;

/// <summary>
/// Runs the schema check while the host is starting, before any hosted service starts its work: logs
/// each change and, when asked, stops start-up on breaking drift or when Workiom cannot be asked.
/// </summary>
internal sealed partial class WorkiomSchemaValidator : IHostedLifecycleService
{
    private readonly WorkiomClient _client;
    private readonly WorkiomSchemaCheckOptions _options;
    private readonly ILogger _logger;

    public WorkiomSchemaValidator(WorkiomClient client, IOptions<WorkiomSchemaCheckOptions> options, ILogger<WorkiomSchemaValidator> logger)
    {
        _client = client;
        _options = options.Value;
        _logger = logger;
    }

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var lists = _options.Lists.Count > 0
            ? _options.Lists.ToList()
            : Assembly.GetEntryAssembly() is { } entry ? WorkiomGeneratedList.Of(entry) : Array.Empty<WorkiomListSchema>();
        if (lists.Count == 0)
        {
            throw new InvalidOperationException(
                "ValidateSchemasOnStart has no lists to check: the entry assembly has no generated Workiom lists. Add them to the options' Lists " +
                "(Deal.WorkiomSchema, or WorkiomGeneratedList.Of(typeof(Deal).Assembly)).");
        }

        WorkiomSchemaReport report;
        try
        {
            report = await _client.CheckSchemasAsync(lists, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkiomException exception) when (!_options.FailWhenUnavailable)
        {
            // The client's exceptions carry no credential: their server text is scrubbed before they are made.
            CheckFailed(_logger, lists.Count, exception.GetType().Name, exception.Message);
            return;
        }

        foreach (var list in report.Lists)
        {
            foreach (var change in list.Changes)
            {
                switch (change.Severity)
                {
                    case WorkiomDriftSeverity.Breaking:
                        BreakingChange(_logger, list.ListName, list.ListId, change.Kind, change.Description);
                        break;
                    case WorkiomDriftSeverity.Dangerous:
                        DangerousChange(_logger, list.ListName, list.ListId, change.Kind, change.Description);
                        break;
                    default:
                        SafeChange(_logger, list.ListName, list.ListId, change.Kind, change.Description);
                        break;
                }
            }
        }

        if (!report.HasDrift)
        {
            NoDrift(_logger, report.Lists.Count);
        }

        if (report.HasBreakingDrift && _options.FailOnBreakingDrift)
        {
            throw new WorkiomSchemaDriftException(report);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Workiom list '{ListName}' ({ListId}) changed in a way that breaks code built from its snapshot ({Kind}): {Description}")]
    private static partial void BreakingChange(ILogger logger, string listName, string listId, string kind, string description);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Workiom list '{ListName}' ({ListId}) changed in a way that may refuse or mislabel writes ({Kind}): {Description}")]
    private static partial void DangerousChange(ILogger logger, string listName, string listId, string kind, string description);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Workiom list '{ListName}' ({ListId}) changed ({Kind}): {Description}")]
    private static partial void SafeChange(ILogger logger, string listName, string listId, string kind, string description);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Workiom schema check: {ListCount} lists as their snapshots say")]
    private static partial void NoDrift(ILogger logger, int listCount);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Workiom schema check of {ListCount} lists could not run ({ExceptionType}: {Reason}); starting unchecked")]
    private static partial void CheckFailed(ILogger logger, int listCount, string exceptionType, string reason);
}
