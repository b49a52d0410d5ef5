using Workiom.Emulator;
using Workiom.Emulator.Faults;
using Workiom.Emulator.Xunit;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>WorkiomEmulatorFixture as a class fixture, the way README shows it: a fresh store per test on request.</summary>
public sealed class WorkiomEmulatorFixtureTests(WorkiomEmulatorFixture workiom) : IClassFixture<WorkiomEmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => workiom.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_client_writes_to_the_fixture_s_emulator_and_retries_an_injected_503_quickly()
    {
        var acme = await workiom.Client.Companies().CreateAsync(new Company { CompanyName = "Fixture Co" });
        workiom.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.ServerError));

        var found = await workiom.Client.Companies().Where(c => c.CompanyName == "Fixture Co").ToListAsync();

        Assert.Equal(acme.Id, Assert.Single(found).Id);
        Assert.Same(workiom.Emulator.Faults, workiom.Faults);
        Assert.Equal(0, workiom.Faults.Pending);
        Assert.Equal(TimeSpan.FromMilliseconds(10), workiom.Client.Options.RetryBaseDelay);
        Assert.Equal("Fixture Co", Assert.Single(await workiom.GetRecordsAsync<Company>()).CompanyName);
    }

    [Fact]
    public async Task ResetAsync_gives_each_test_an_empty_store()
    {
        // Whichever test ran first left a company behind; InitializeAsync reset the store.
        Assert.Empty(await workiom.GetRecordsAsync<Company>());

        await workiom.Client.Companies().CreateAsync(new Company { CompanyName = "Left behind" });
        workiom.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.ServerError));
    }

    [Fact]
    public async Task ResetAsync_gives_each_test_an_empty_store_too()
    {
        Assert.Empty(await workiom.GetRecordsAsync<Company>());
        Assert.Equal(0, workiom.Faults.Pending);

        await workiom.Client.Companies().CreateAsync(new Company { CompanyName = "Left behind" });
        workiom.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.ServerError));
    }
}

[CollectionDefinition(Name)]
public sealed class WorkiomEmulatorCollection : ICollectionFixture<WorkiomEmulatorFixture>
{
    public const string Name = "workiom emulator";
}

/// <summary>WorkiomEmulatorFixture as a collection fixture: the classes of the collection share one emulator.</summary>
[Collection(WorkiomEmulatorCollection.Name)]
public sealed class WorkiomEmulatorCollectionFixtureTests(WorkiomEmulatorFixture workiom)
{
    [Fact]
    public async Task A_collection_fixture_serves_the_default_schema_folder()
    {
        Assert.Contains(Deal.WorkiomListId, workiom.Emulator.ListIds);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "schemas"), WorkiomEmulatorFixture.DefaultSchemaFolder);

        var deal = await workiom.Client.Deals().CreateAsync(new Deal { DealName = "In the collection" });

        Assert.Contains(await workiom.GetRecordsAsync<Deal>(), d => d.Id == deal.Id);
    }
}

/// <summary>The fixture's own lifecycle: options, a missing schema folder, use before start.</summary>
public sealed class WorkiomEmulatorFixtureLifecycleTests
{
    private sealed class MissingSchemas(string path) : WorkiomEmulatorFixture
    {
        protected override WorkiomEmulatorOptions CreateOptions() => new() { SchemaPaths = { path } };
    }

    private sealed class CompaniesOnly() : WorkiomEmulatorFixture(new WorkiomEmulatorOptions
    {
        SchemaPaths = { Path.Combine(DefaultSchemaFolder, "companies.json") },
        ApiKey = "companies-only",
    });

    [Fact]
    public async Task A_missing_schema_folder_fails_with_a_message_that_says_where_and_what_to_do()
    {
        string missing = Path.Combine(AppContext.BaseDirectory, "no-such-schemas");
        var fixture = new MissingSchemas(missing);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(fixture.InitializeAsync);
        await fixture.DisposeAsync();

        Assert.Contains(missing, failure.Message);
        Assert.Contains("CopyToOutputDirectory", failure.Message);
        Assert.Contains("CreateOptions", failure.Message);
    }

    [Fact]
    public async Task Options_given_to_the_constructor_start_the_emulator_and_its_client()
    {
        var fixture = new CompaniesOnly();
        await fixture.InitializeAsync();
        try
        {
            Assert.Equal([Company.WorkiomListId], fixture.Emulator.ListIds);
            Assert.Equal("companies-only", fixture.Client.Options.ApiKey);
            await fixture.Client.Companies().CreateAsync(new Company { CompanyName = "Only" });
            Assert.Single(await fixture.GetRecordsAsync<Company>());
        }
        finally
        {
            await fixture.DisposeAsync();
        }

        Assert.Throws<InvalidOperationException>(() => fixture.Emulator);
    }

    [Fact]
    public void Used_before_xunit_starts_it_the_fixture_says_so()
    {
        var fixture = new WorkiomEmulatorFixture();

        var failure = Assert.Throws<InvalidOperationException>(() => fixture.Client);

        Assert.Contains("not running", failure.Message);
    }
}
