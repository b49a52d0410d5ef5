using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workiom.Emulator;
using Workiom.Http;
using Workiom.IntegrationTests.Lists;
using Workiom.Schema;

namespace Workiom.IntegrationTests;

/// <summary>
/// The runtime schema check over HTTP: the types are generated from schemas/*.json, and the emulator
/// serves those snapshots as they are or changed the way someone might change the list in Workiom.
/// </summary>
public sealed class SchemaCheckTests : IDisposable
{
    private const int AmountId = 2014503;
    private const int ProbabilityId = 2014504;
    private const int StageId = 2014505;
    private const int BoardViewId = 535376;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "workiom-schemacheck-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The ways a list is changed in the Workiom UI that break code built from its snapshot.</summary>
    public static TheoryData<string, string, int?, int?> BreakingChanges => new()
    {
        { "field deleted", WorkiomSchemaDiff.FieldRemoved, ProbabilityId, null },
        { "field retyped", WorkiomSchemaDiff.FieldRetyped, AmountId, null },
        { "option removed", WorkiomSchemaDiff.OptionRemoved, StageId, null },
        { "view removed", WorkiomSchemaDiff.ViewRemoved, null, BoardViewId },
    };

    [Fact]
    public async Task An_unchanged_list_has_no_drift()
    {
        await using var emulator = await StartAsync(change: null);
        using var client = Clients.For(emulator);

        var report = await client.CheckSchemasAsync(new[] { Deal.WorkiomSchema, Company.WorkiomSchema });

        Assert.Equal(new[] { Deal.WorkiomListId, Company.WorkiomListId }, report.Lists.Select(l => l.ListId));
        Assert.All(report.Lists, l => Assert.Empty(l.Changes));
        Assert.False(report.HasDrift);
        Assert.False(report.HasBreakingDrift);
    }

    [Fact]
    public void The_generated_lists_of_an_assembly_are_found_and_match_their_types()
    {
        var lists = WorkiomGeneratedList.Of(typeof(Deal).Assembly);

        Assert.Equal(new[] { Deal.WorkiomListId, Company.WorkiomListId }.Order(StringComparer.Ordinal), lists.Select(l => l.ListId));
        Assert.Contains(Deal.WorkiomSchema, lists);
        Assert.Contains(Company.WorkiomSchema, lists);
        Assert.Empty(WorkiomGeneratedList.Of(typeof(WorkiomClient).Assembly));
    }

    [Theory]
    [MemberData(nameof(BreakingChanges))]
    public async Task A_breaking_change_in_Workiom_is_reported_as_breaking(string change, string kind, int? fieldId, int? viewId)
    {
        await using var emulator = await StartAsync(change);
        using var client = Clients.For(emulator);

        var report = await client.CheckSchemasAsync(new[] { Deal.WorkiomSchema, Company.WorkiomSchema });

        Assert.True(report.HasBreakingDrift);
        var deals = report.Lists[0];
        Assert.True(deals.HasBreakingDrift);
        var found = Assert.Single(deals.Changes, c => c.Kind == kind);
        Assert.Equal(WorkiomDriftSeverity.Breaking, found.Severity);
        Assert.Equal(fieldId, found.FieldId);
        Assert.Equal(viewId, found.ViewId);
        Assert.Empty(report.Lists[1].Changes);
    }

    [Fact]
    public async Task Safe_changes_are_drift_but_not_breaking()
    {
        await using var emulator = await StartAsync("safe changes");
        using var client = Clients.For(emulator);

        var report = await client.CheckSchemasAsync(new[] { Deal.WorkiomSchema });

        Assert.True(report.HasDrift);
        Assert.False(report.HasBreakingDrift);
        Assert.Equal(
            new[] { WorkiomSchemaDiff.FieldRenamed, WorkiomSchemaDiff.OptionAdded, WorkiomSchemaDiff.ViewRenamed },
            report.Lists[0].Changes.Select(c => c.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_list_Workiom_no_longer_has_is_breaking()
    {
        await using var emulator = await StartAsync("deals list deleted");
        using var client = Clients.For(emulator);

        var report = await client.CheckSchemasAsync(new[] { Deal.WorkiomSchema, Company.WorkiomSchema });

        var removed = Assert.Single(report.Lists[0].Changes);
        Assert.Equal(WorkiomSchemaDiff.ListRemoved, removed.Kind);
        Assert.Equal(WorkiomDriftSeverity.Breaking, removed.Severity);
        Assert.Empty(report.Lists[1].Changes);
    }

    [Theory]
    [MemberData(nameof(BreakingChanges))]
    public async Task Start_up_fails_on_breaking_drift_when_asked(string change, string kind, int? fieldId, int? viewId)
    {
        _ = (fieldId, viewId);
        await using var emulator = await StartAsync(change);
        var logs = new Logs();
        using var host = BuildHost(emulator, logs, options =>
        {
            options.Lists.Add(Deal.WorkiomSchema);
            options.Lists.Add(Company.WorkiomSchema);
            options.FailOnBreakingDrift = true;
        });

        var failure = await Assert.ThrowsAsync<WorkiomSchemaDriftException>(() => host.StartAsync());

        Assert.Contains(failure.Report.Lists[0].Changes, c => c.Kind == kind);
        Assert.Contains(failure.Report.Lists[0].Changes.First(c => c.Kind == kind).Description, failure.Message, StringComparison.Ordinal);
        Assert.Contains("workiom schema pull", failure.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("(" + kind + ")", StringComparison.Ordinal));
        Assert.DoesNotContain(emulator.ApiKey, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BreakingChanges))]
    public async Task Without_asking_to_fail_start_up_logs_the_drift_as_warnings_and_goes_on(string change, string kind, int? fieldId, int? viewId)
    {
        _ = (fieldId, viewId);
        await using var emulator = await StartAsync(change);
        var logs = new Logs();
        using var host = BuildHost(emulator, logs, options => options.Lists.Add(Deal.WorkiomSchema));

        await host.StartAsync();
        await host.StopAsync();

        var warning = Assert.Single(logs.Entries, e => e.Text.Contains("(" + kind + ")", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'Deals'", warning.Text, StringComparison.Ordinal);
        Assert.Contains("breaks code", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_with_unchanged_lists_logs_no_warning()
    {
        await using var emulator = await StartAsync(change: null);
        var logs = new Logs();
        using var host = BuildHost(emulator, logs, options =>
        {
            options.Lists.Add(Deal.WorkiomSchema);
            options.FailOnBreakingDrift = true;
        });

        await host.StartAsync();
        await host.StopAsync();

        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Workiom", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Text.Contains("as their snapshots say", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_Workiom_cannot_be_reached_start_up_logs_a_warning_and_goes_on_unless_asked_to_fail()
    {
        // An emulator that has stopped: its port refuses connections.
        var emulator = await StartAsync(change: null);
        await emulator.DisposeAsync();

        var logs = new Logs();
        using (var host = BuildHost(emulator, logs, options => options.Lists.Add(Deal.WorkiomSchema)))
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        var warning = Assert.Single(logs.Entries, e => e.Text.Contains("could not run", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(nameof(WorkiomConnectionException), warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, logs.AllText, StringComparison.Ordinal);

        using var strict = BuildHost(emulator, new Logs(), options =>
        {
            options.Lists.Add(Deal.WorkiomSchema);
            options.FailWhenUnavailable = true;
        });
        await Assert.ThrowsAsync<WorkiomConnectionException>(() => strict.StartAsync());
    }

    [Fact]
    public async Task Without_lists_and_without_generated_lists_in_the_entry_assembly_start_up_says_what_to_add()
    {
        await using var emulator = await StartAsync(change: null);
        using var host = BuildHost(emulator, new Logs(), configure: null);

        // The test host's entry assembly (testhost) has no generated lists.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("WorkiomSchema", failure.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(WorkiomEmulator emulator, Logs logs, Action<WorkiomSchemaCheckOptions>? configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services
            .AddWorkiom(options =>
            {
                options.BaseUrl = emulator.BaseAddress.ToString();
                options.ApiKey = emulator.ApiKey;
                options.MaxAttempts = 1;
                options.Timeout = TimeSpan.FromSeconds(30);
            })
            .ValidateSchemasOnStart(configure);
        return builder.Build();
    }

    /// <summary>Starts an emulator serving the repository's snapshots, the deals list changed as <paramref name="change"/> says.</summary>
    private async Task<WorkiomEmulator> StartAsync(string? change)
    {
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(EmulatorFixture.SchemaDirectory, "companies.json"), Path.Combine(_folder, "companies.json"));
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(EmulatorFixture.SchemaDirectory, "deals.json")))!.AsObject();
        var list = root["result"]!.AsObject();
        JsonObject Field(int id) => list["fields"]!.AsArray().Single(f => (int)f!["id"]! == id)!.AsObject();
        switch (change)
        {
            case null:
                break;
            case "field deleted":
                Field(ProbabilityId)["isDeleted"] = true;
                break;
            case "field retyped":
                Field(AmountId)["dataType"] = 0;
                break;
            case "option removed":
                Field(StageId)["staticListValues"]!.AsArray().RemoveAt(4);
                break;
            case "view removed":
                var views = list["views"]!.AsArray();
                views.Remove(views.Single(v => (int)v!["id"]! == BoardViewId));
                break;
            case "safe changes":
                Field(AmountId)["name"] = "Deal Value";
                Field(StageId)["staticListValues"]!.AsArray().Add(new JsonObject { ["id"] = "on-hold", ["label"] = "On Hold", ["order"] = 5 });
                list["views"]!.AsArray()[0]!["name"] = "Every deal";
                break;
            case "deals list deleted":
                root = null!;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Not a change these tests make.");
        }

        if (root is not null)
        {
            File.WriteAllText(Path.Combine(_folder, "deals.json"), root.ToJsonString());
        }

        return await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { _folder } });
    }

    private sealed record LogEntry(LogLevel Level, string Category, string Text);

    /// <summary>Keeps every log line, with its structured values, so tests can read them and search them for the key.</summary>
    private sealed class Logs : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyCollection<LogEntry> Entries => _entries;

        public string AllText => string.Join("\n", _entries.Select(e => e.Text));

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Logs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => p.Key + "=" + p.Value)) : string.Empty;
                owner._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception) + " | " + values + " | " + exception));
            }
        }
    }
}
