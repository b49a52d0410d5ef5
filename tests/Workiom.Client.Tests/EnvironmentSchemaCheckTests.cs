using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workiom.Client.Tests.TestRecords;
using Workiom.Emulator;
using Workiom.Schema;

namespace Workiom.Client.Tests;

/// <summary>
/// The schema check in an environment, against the emulator serving the staging tenant: it is handed schemas,
/// and finds each list's environments through the generated registration class, also when the record type's
/// environments were never built (no repository, query or read used them).
/// </summary>
public class EnvironmentSchemaCheckTests
{
    private static string StagingSnapshot => Path.Combine(AppContext.BaseDirectory, "Environments", "staging-deals.json");

    [Fact]
    public void The_generated_registration_class_hands_out_the_record_types_environments()
    {
        WorkiomGeneratedList list = new Deal.WorkiomGeneratedListSchema();

        Assert.Same(Deal.WorkiomSchema, list.Schema);
        Assert.Same(Deal.WorkiomEnvironments, list.Environments);
        Assert.Equal("staging", Assert.Single(list.Environments).Name);
    }

    [Fact]
    public async Task CheckSchemasAsync_in_staging_finds_the_environment_of_a_list_whose_environments_were_never_built()
    {
        var ct = Fakes.Guard.Token;
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { StagingSnapshot } }, ct);
        using var client = emulator.CreateClient(options => options.Environment = "staging");

        // The Deal type loaded afresh, in a context of its own: its statics (and so its environments) were never touched.
        var context = new AssemblyLoadContext("never-used", isCollectible: true);
        try
        {
            var fresh = context.LoadFromAssemblyPath(typeof(Deal).Assembly.Location).GetType(typeof(Deal).FullName!, throwOnError: true)!;
            var schema = (WorkiomListSchema)fresh.GetProperty(nameof(Deal.WorkiomSchema))!.GetValue(null)!;
            Assert.NotSame(Deal.WorkiomSchema, schema);

            var report = await client.CheckSchemasAsync([schema], ct);

            var list = Assert.Single(report.Lists);
            Assert.Equal(Assert.Single(Deal.WorkiomEnvironments).ListId, list.ListId);
            // Compared with the staging list, not the primary one (which the staging tenant lacks: listRemoved). Only the
            // Company link differs: this build has no Companies list to translate the link's target into staging.
            Assert.DoesNotContain(list.Changes, c => c.Kind == WorkiomSchemaDiff.ListRemoved);
            var breaking = Assert.Single(list.Changes, c => c.Severity == WorkiomDriftSeverity.Breaking);
            Assert.Contains("'Company'", breaking.Description, StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public async Task ValidateSchemasOnStart_in_staging_checks_the_staging_list()
    {
        var ct = Fakes.Guard.Token;
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { StagingSnapshot } }, ct);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services
            .AddWorkiom(options =>
            {
                options.BaseUrl = emulator.BaseAddress.ToString();
                options.ApiKey = emulator.ApiKey;
                options.Environment = "staging";
                options.MaxAttempts = 1;
            })
            .ValidateSchemasOnStart(options =>
            {
                options.Lists.Add(Deal.WorkiomSchema);
                options.FailOnBreakingDrift = true;
                options.FailWhenUnavailable = true;
            });
        using var host = builder.Build();

        // Checked against the staging list: the only breaking change is the Company link, whose target this build (no
        // Companies list) cannot translate; against the primary list id it would be a listRemoved.
        var failure = await Assert.ThrowsAsync<WorkiomSchemaDriftException>(() => host.StartAsync(ct));
        var list = Assert.Single(failure.Report.Lists);
        Assert.Equal(Assert.Single(Deal.WorkiomEnvironments).ListId, list.ListId);
        Assert.DoesNotContain(list.Changes, c => c.Kind == WorkiomSchemaDiff.ListRemoved);
    }
}
