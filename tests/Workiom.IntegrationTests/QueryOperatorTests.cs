using Workiom.IntegrationTests.Lists;
using Workiom.Queries;
using DealQuery = Workiom.Queries.WorkiomQuery<Workiom.IntegrationTests.Lists.Deal, Workiom.IntegrationTests.Lists.Deal.QueryFields>;
using CompanyQuery = Workiom.Queries.WorkiomQuery<Workiom.IntegrationTests.Lists.Company, Workiom.IntegrationTests.Lists.Company.QueryFields>;

namespace Workiom.IntegrationTests;

/// <summary>
/// Every operator the typed query API offers, on every data type the Deals and Companies snapshots
/// have, built with <c>client.Deals().Where(...)</c>, run against the emulator, and checked against
/// the records of <see cref="SeededEmulator"/> it must return.
/// </summary>
public sealed class QueryOperatorTests(SeededEmulator seeded) : IClassFixture<SeededEmulator>
{
    private static readonly DateTimeOffset MidJune = new(2025, 6, 15, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Deal filters, each with the seeded deals it must return (in order of name D1..D4).</summary>
    private static readonly Dictionary<string, (Func<SeededEmulator, DealQuery> Query, string Expected)> DealCases = new()
    {
        // Text
        ["Text Contains"] = (s => s.Client.Deals().Where(d => d.DealName.Contains("ACME")), "D1"),
        ["Text DoesNotContain"] = (s => s.Client.Deals().Where(d => d.DealName.DoesNotContain("pilot")), "D1 D3 D4"),
        ["Text Is"] = (s => s.Client.Deals().Where(d => d.DealName == "globex pilot"), "D2"),
        ["Text IsNot"] = (s => s.Client.Deals().Where(d => d.DealName != "Globex pilot"), "D1 D3 D4"),
        // The primary field is required, so no deal has it empty.
        ["Text IsEmpty"] = (s => s.Client.Deals().Where(d => d.DealName.IsEmpty()), ""),
        ["Text IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.DealName.IsNotEmpty()), "D1 D2 D3 D4"),

        // Email
        ["Email Contains"] = (s => s.Client.Deals().Where(d => d.ContactEmail.Contains("globex")), "D2"),
        ["Email DoesNotContain"] = (s => s.Client.Deals().Where(d => d.ContactEmail.DoesNotContain("globex")), "D1 D3 D4"),
        ["Email Is"] = (s => s.Client.Deals().Where(d => d.ContactEmail == "BUYER@acme.example"), "D1"),
        ["Email IsNot"] = (s => s.Client.Deals().Where(d => d.ContactEmail != "buyer@acme.example"), "D2 D3 D4"),
        ["Email IsEmpty"] = (s => s.Client.Deals().Where(d => d.ContactEmail.IsEmpty()), "D3 D4"),
        ["Email IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.ContactEmail.IsNotEmpty()), "D1 D2"),

        // Phone number
        ["Phone Contains"] = (s => s.Client.Deals().Where(d => d.ContactPhone.Contains("555")), "D2"),
        ["Phone DoesNotContain"] = (s => s.Client.Deals().Where(d => d.ContactPhone.DoesNotContain("555")), "D1 D3 D4"),
        ["Phone Is"] = (s => s.Client.Deals().Where(d => d.ContactPhone == "+1 555 0100"), "D2"),
        ["Phone IsNot"] = (s => s.Client.Deals().Where(d => d.ContactPhone != "+1 555 0100"), "D1 D3 D4"),
        ["Phone IsEmpty"] = (s => s.Client.Deals().Where(d => d.ContactPhone.IsEmpty()), "D3 D4"),
        ["Phone IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.ContactPhone.IsNotEmpty()), "D1 D2"),

        // Website
        ["Website Contains"] = (s => s.Client.Deals().Where(d => d.Website.Contains("acme")), "D1"),
        ["Website DoesNotContain"] = (s => s.Client.Deals().Where(d => d.Website.DoesNotContain("acme")), "D2 D3 D4"),
        ["Website Is"] = (s => s.Client.Deals().Where(d => d.Website.Is("https://acme.example")), "D1"),
        ["Website IsNot"] = (s => s.Client.Deals().Where(d => d.Website.IsNot("https://acme.example")), "D2 D3 D4"),
        ["Website IsEmpty"] = (s => s.Client.Deals().Where(d => d.Website.IsEmpty()), "D2 D3 D4"),
        ["Website IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Website.IsNotEmpty()), "D1"),

        // Currency
        ["Currency Is"] = (s => s.Client.Deals().Where(d => d.Amount == 62_500m), "D2"),
        ["Currency IsNot"] = (s => s.Client.Deals().Where(d => d.Amount != 62_500m), "D1 D3 D4"),
        ["Currency Greater"] = (s => s.Client.Deals().Where(d => d.Amount > 62_500m), "D1"),
        ["Currency GreaterOrEqual"] = (s => s.Client.Deals().Where(d => d.Amount >= 62_500m), "D1 D2"),
        ["Currency Less"] = (s => s.Client.Deals().Where(d => d.Amount < 62_500m), "D3"),
        ["Currency LessOrEqual"] = (s => s.Client.Deals().Where(d => d.Amount <= 62_500m), "D2 D3"),
        ["Currency Between"] = (s => s.Client.Deals().Where(d => d.Amount.Between(45_000m, 62_500m)), "D2 D3"),
        ["Currency IsEmpty"] = (s => s.Client.Deals().Where(d => d.Amount.IsEmpty()), "D4"),
        ["Currency IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Amount.IsNotEmpty()), "D1 D2 D3"),

        // Number
        ["Number Is"] = (s => s.Client.Deals().Where(d => d.Probability.Is(40)), "D1"),
        ["Number IsNot"] = (s => s.Client.Deals().Where(d => d.Probability.IsNot(40)), "D2 D3 D4"),
        ["Number Greater"] = (s => s.Client.Deals().Where(d => d.Probability > 40), "D2"),
        ["Number GreaterOrEqual"] = (s => s.Client.Deals().Where(d => d.Probability >= 40), "D1 D2"),
        ["Number Less"] = (s => s.Client.Deals().Where(d => d.Probability < 60), "D1"),
        ["Number LessOrEqual"] = (s => s.Client.Deals().Where(d => d.Probability <= 60), "D1 D2"),
        ["Number Between"] = (s => s.Client.Deals().Where(d => d.Probability.Between(0, 50)), "D1"),
        ["Number IsEmpty"] = (s => s.Client.Deals().Where(d => d.Probability.IsEmpty()), "D3 D4"),
        ["Number IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Probability.IsNotEmpty()), "D1 D2"),
        ["Formula Greater"] = (s => s.Client.Deals().Where(d => d.WeightedAmount > 40_000m), "D1"),
        ["Formula Between"] = (s => s.Client.Deals().Where(d => d.WeightedAmount.Between(37_500m, 37_500m)), "D2"),

        // Progress bar
        ["Progress Is"] = (s => s.Client.Deals().Where(d => d.Completion == 50), "D1"),
        ["Progress IsNot"] = (s => s.Client.Deals().Where(d => d.Completion != 50), "D2 D3 D4"),
        ["Progress Greater"] = (s => s.Client.Deals().Where(d => d.Completion > 30), "D1"),
        ["Progress GreaterOrEqual"] = (s => s.Client.Deals().Where(d => d.Completion >= 20), "D1 D2"),
        ["Progress Less"] = (s => s.Client.Deals().Where(d => d.Completion < 50), "D2"),
        ["Progress LessOrEqual"] = (s => s.Client.Deals().Where(d => d.Completion <= 20), "D2"),
        ["Progress Between"] = (s => s.Client.Deals().Where(d => d.Completion.Between(10, 30)), "D2"),
        ["Progress IsEmpty"] = (s => s.Client.Deals().Where(d => d.Completion.IsEmpty()), "D3 D4"),
        ["Progress IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Completion.IsNotEmpty()), "D1 D2"),

        // AutoNumber: numbers count up in creation order, D1 first.
        ["AutoNumber Is"] = (s => s.Client.Deals().Where(d => d.DealNo == s.D2.DealNo!.Value), "D2"),
        ["AutoNumber IsNot"] = (s => s.Client.Deals().Where(d => d.DealNo != s.D2.DealNo!.Value), "D1 D3 D4"),
        ["AutoNumber Greater"] = (s => s.Client.Deals().Where(d => d.DealNo > s.D2.DealNo!.Value), "D3 D4"),
        ["AutoNumber GreaterOrEqual"] = (s => s.Client.Deals().Where(d => d.DealNo >= s.D3.DealNo!.Value), "D3 D4"),
        ["AutoNumber Less"] = (s => s.Client.Deals().Where(d => d.DealNo < s.D2.DealNo!.Value), "D1"),
        ["AutoNumber LessOrEqual"] = (s => s.Client.Deals().Where(d => d.DealNo <= s.D2.DealNo!.Value), "D1 D2"),
        ["AutoNumber Between"] = (s => s.Client.Deals().Where(d => d.DealNo.Between(s.D1.DealNo!.Value, s.D2.DealNo!.Value)), "D1 D2"),
        ["AutoNumber IsEmpty"] = (s => s.Client.Deals().Where(d => d.DealNo.IsEmpty()), ""),
        ["AutoNumber IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.DealNo.IsNotEmpty()), "D1 D2 D3 D4"),

        // Rollup: the sum of the linked companies' employees (Acme 850, Globex 1200).
        ["Rollup Is"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees == 850), "D1 D3"),
        ["Rollup Greater"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees > 1000), "D2"),
        ["Rollup Between"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees.Between(800, 900)), "D1 D3"),
        ["Rollup IsNot"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees != 850), "D2 D4"),
        ["Rollup GreaterOrEqual"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees >= 1200), "D2"),
        ["Rollup Less"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees < 1000), "D1 D3"),
        ["Rollup LessOrEqual"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees <= 850), "D1 D3"),
        ["Rollup IsEmpty"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees.IsEmpty()), "D4"),
        ["Rollup IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.CompanyEmployees.IsNotEmpty()), "D1 D2 D3"),

        // Date (date only)
        ["Date Is"] = (s => s.Client.Deals().Where(d => d.ExpectedClose == new DateOnly(2025, 6, 30)), "D1"),
        ["Date IsNot"] = (s => s.Client.Deals().Where(d => d.ExpectedClose != new DateOnly(2025, 6, 30)), "D2 D3 D4"),
        ["Date Greater"] = (s => s.Client.Deals().Where(d => d.ExpectedClose > new DateOnly(2025, 6, 30)), "D2 D3"),
        ["Date GreaterOrEqual"] = (s => s.Client.Deals().Where(d => d.ExpectedClose >= new DateOnly(2025, 6, 30)), "D1 D2 D3"),
        ["Date Less"] = (s => s.Client.Deals().Where(d => d.ExpectedClose < new DateOnly(2025, 7, 15)), "D1"),
        ["Date LessOrEqual"] = (s => s.Client.Deals().Where(d => d.ExpectedClose <= new DateOnly(2025, 7, 15)), "D1 D2"),
        ["Date Between"] = (s => s.Client.Deals().Where(d => d.ExpectedClose.Between(new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30))), "D2 D3"),
        ["Date IsEmpty"] = (s => s.Client.Deals().Where(d => d.ExpectedClose.IsEmpty()), "D4"),
        ["Date IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.ExpectedClose.IsNotEmpty()), "D1 D2 D3"),

        // DateTime
        ["DateTime Is"] = (s => s.Client.Deals().Where(d => d.NextMeeting == new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero)), "D1"),
        ["DateTime Greater"] = (s => s.Client.Deals().Where(d => d.NextMeeting > MidJune), "D2"),
        ["DateTime Less"] = (s => s.Client.Deals().Where(d => d.NextMeeting < MidJune), "D1"),
        ["DateTime Between"] = (s => s.Client.Deals().Where(d => d.NextMeeting.Between(MidJune, MidJune.AddMonths(1))), "D2"),
        ["DateTime IsEmpty"] = (s => s.Client.Deals().Where(d => d.NextMeeting.IsEmpty()), "D3 D4"),
        ["System date GreaterOrEqual"] = (s => s.Client.Deals().Where(d => d.CreationDate >= s.D1.CreationDate!.Value), "D1 D2 D3 D4"),
        ["System date Greater"] = (s => s.Client.Deals().Where(d => d.CreationDate > s.D4.CreationDate!.Value.AddDays(1)), ""),

        // Boolean
        ["Boolean Is true"] = (s => s.Client.Deals().Where(d => d.IsStrategic == true), "D1"),
        ["Boolean Is false"] = (s => s.Client.Deals().Where(d => d.IsStrategic == false), "D2 D3"),

        // Status
        ["Status Is"] = (s => s.Client.Deals().Where(d => d.Stage == Deal.StageOption.Qualified), "D2"),
        ["Status Is label"] = (s => s.Client.Deals().Where(d => d.Stage == "Proposal Sent"), "D1"),
        ["Status IsNot"] = (s => s.Client.Deals().Where(d => d.Stage != Deal.StageOption.Qualified), "D1 D3 D4"),
        ["Status In"] = (s => s.Client.Deals().Where(d => d.Stage.In(Deal.StageOption.Lead, Deal.StageOption.Qualified)), "D2 D3"),
        ["Status NotIn"] = (s => s.Client.Deals().Where(d => d.Stage.NotIn(Deal.StageOption.Lead, Deal.StageOption.Won)), "D1 D2 D4"),
        ["Status IsEmpty"] = (s => s.Client.Deals().Where(d => d.Stage.IsEmpty()), "D4"),
        ["Status IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Stage.IsNotEmpty()), "D1 D2 D3"),

        // Static select
        ["Select Is"] = (s => s.Client.Deals().Where(d => d.Source == Deal.SourceOption.Referral), "D1"),
        ["Select IsNot"] = (s => s.Client.Deals().Where(d => d.Source.IsNot(Deal.SourceOption.Referral)), "D2 D3 D4"),
        ["Select In"] = (s => s.Client.Deals().Where(d => d.Source.In(Deal.SourceOption.Website, Deal.SourceOption.ColdCall)), "D2"),
        ["Select NotIn"] = (s => s.Client.Deals().Where(d => d.Source.NotIn("Website")), "D1 D3 D4"),
        ["Select IsEmpty"] = (s => s.Client.Deals().Where(d => d.Source.IsEmpty()), "D3 D4"),
        ["Select IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Source.IsNotEmpty()), "D1 D2"),

        // Multi-select
        ["MultiSelect Contains"] = (s => s.Client.Deals().Where(d => d.Tags.Contains(Deal.TagsOption.Renewal)), "D1"),
        ["MultiSelect In"] = (s => s.Client.Deals().Where(d => d.Tags.In(Deal.TagsOption.SMB, Deal.TagsOption.Renewal)), "D1 D2"),
        ["MultiSelect NotIn"] = (s => s.Client.Deals().Where(d => d.Tags.NotIn(Deal.TagsOption.Enterprise)), "D2 D3 D4"),
        ["MultiSelect IsEmpty"] = (s => s.Client.Deals().Where(d => d.Tags.IsEmpty()), "D3 D4"),
        ["MultiSelect IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Tags.IsNotEmpty()), "D1 D2"),

        // Link
        ["Link Is record"] = (s => s.Client.Deals().Where(d => d.Company.Is(s.Acme)), "D1 D3"),
        ["Link Is id"] = (s => s.Client.Deals().Where(d => d.Company.Is(s.Globex.Id!)), "D2"),
        ["Link IsNot"] = (s => s.Client.Deals().Where(d => d.Company.IsNot(s.Acme)), "D2 D4"),
        ["Link IsEmpty"] = (s => s.Client.Deals().Where(d => d.Company.IsEmpty()), "D4"),
        ["Link IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Company.IsNotEmpty()), "D1 D2 D3"),

        // User
        ["User Is"] = (s => s.Client.Deals().Where(d => d.Owner.Is(SeededEmulator.Admin)), "D1"),
        ["User Is id"] = (s => s.Client.Deals().Where(d => d.Owner.Is(SeededEmulator.Sara.Id)), "D2"),
        ["User IsNot"] = (s => s.Client.Deals().Where(d => d.Owner.IsNot(SeededEmulator.Admin)), "D2 D3 D4"),
        ["User In"] = (s => s.Client.Deals().Where(d => d.Owner.In(SeededEmulator.Admin, SeededEmulator.Sara)), "D1 D2"),
        ["User NotIn"] = (s => s.Client.Deals().Where(d => d.Owner.NotIn(SeededEmulator.Sara.Id)), "D1 D3 D4"),
        ["User IsEmpty"] = (s => s.Client.Deals().Where(d => d.Owner.IsEmpty()), "D3 D4"),
        ["User IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Owner.IsNotEmpty()), "D1 D2"),
        ["System user Is"] = (s => s.Client.Deals().Where(d => d.Creator.Is(SeededEmulator.Admin.Id)), "D1 D2 D3 D4"),

        // Multi-user
        ["MultiUser Contains"] = (s => s.Client.Deals().Where(d => d.Watchers.Contains(SeededEmulator.Sara)), "D1"),
        ["MultiUser Contains id"] = (s => s.Client.Deals().Where(d => d.Watchers.Contains(SeededEmulator.Omar.Id)), "D1 D2"),
        ["MultiUser In"] = (s => s.Client.Deals().Where(d => d.Watchers.In(SeededEmulator.Sara, SeededEmulator.Admin)), "D1"),
        ["MultiUser NotIn"] = (s => s.Client.Deals().Where(d => d.Watchers.NotIn(SeededEmulator.Sara.Id)), "D2 D3 D4"),
        ["MultiUser IsEmpty"] = (s => s.Client.Deals().Where(d => d.Watchers.IsEmpty()), "D3 D4"),
        ["MultiUser IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Watchers.IsNotEmpty()), "D1 D2"),

        // File and checklist
        ["File IsEmpty"] = (s => s.Client.Deals().Where(d => d.Contract.IsEmpty()), "D2 D3 D4"),
        ["File IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.Contract.IsNotEmpty()), "D1"),
        ["CheckList IsEmpty"] = (s => s.Client.Deals().Where(d => d.NextSteps.IsEmpty()), "D2 D3 D4"),
        ["CheckList IsNotEmpty"] = (s => s.Client.Deals().Where(d => d.NextSteps.IsNotEmpty()), "D1"),
    };

    /// <summary>Company filters, each with the seeded companies it must return.</summary>
    private static readonly Dictionary<string, (Func<SeededEmulator, CompanyQuery> Query, string Expected)> CompanyCases = new()
    {
        ["Text Contains"] = (s => s.Client.Companies().Where(c => c.CompanyName.Contains("inc")), "Idle"),
        ["Number GreaterOrEqual"] = (s => s.Client.Companies().Where(c => c.Employees >= 1000), "Globex"),
        ["Select In"] = (s => s.Client.Companies().Where(c => c.Industry.In(Company.IndustryOption.Software, Company.IndustryOption.Retail)), "Acme"),
        ["Select IsEmpty"] = (s => s.Client.Companies().Where(c => c.Industry.IsEmpty()), "Idle"),

        // Count: the deals linked to each company (Acme 2, Globex 1, Idle none).
        ["Count Is"] = (s => s.Client.Companies().Where(c => c.OpenDeals == 2), "Acme"),
        ["Count Greater"] = (s => s.Client.Companies().Where(c => c.OpenDeals > 0), "Acme Globex"),
        ["Count Less"] = (s => s.Client.Companies().Where(c => c.OpenDeals < 2), "Globex Idle"),
        ["Count Between"] = (s => s.Client.Companies().Where(c => c.OpenDeals.Between(1, 1)), "Globex"),
        ["Count IsNot"] = (s => s.Client.Companies().Where(c => c.OpenDeals != 2), "Globex Idle"),
        ["Count GreaterOrEqual"] = (s => s.Client.Companies().Where(c => c.OpenDeals >= 1), "Acme Globex"),
        ["Count LessOrEqual"] = (s => s.Client.Companies().Where(c => c.OpenDeals <= 1), "Globex Idle"),
        // A count is never empty: no linked deals is the count 0.
        ["Count IsEmpty"] = (s => s.Client.Companies().Where(c => c.OpenDeals.IsEmpty()), ""),
        ["Count IsNotEmpty"] = (s => s.Client.Companies().Where(c => c.OpenDeals.IsNotEmpty()), "Acme Globex Idle"),

        // Links mirrored from the deal side.
        ["Link Is record"] = (s => s.Client.Companies().Where(c => c.Deals.Is(s.D2)), "Globex"),
        ["Link IsEmpty"] = (s => s.Client.Companies().Where(c => c.Deals.IsEmpty()), "Idle"),

        ["File IsNotEmpty"] = (s => s.Client.Companies().Where(c => c.Logo.IsNotEmpty()), "Acme"),
        ["File IsEmpty"] = (s => s.Client.Companies().Where(c => c.Logo.IsEmpty()), "Globex Idle"),
        ["Signature IsNotEmpty"] = (s => s.Client.Companies().Where(c => c.SignedNDA.IsNotEmpty()), "Acme"),
        ["Signature IsEmpty"] = (s => s.Client.Companies().Where(c => c.SignedNDA.IsEmpty()), "Globex Idle"),
        ["Location IsNotEmpty"] = (s => s.Client.Companies().Where(c => c.HQ.IsNotEmpty()), "Acme Globex"),
        ["Location IsEmpty"] = (s => s.Client.Companies().Where(c => c.HQ.IsEmpty()), "Idle"),
    };

    public static TheoryData<string> DealCaseNames => new(DealCases.Keys);

    public static TheoryData<string> CompanyCaseNames => new(CompanyCases.Keys);

    [Theory]
    [MemberData(nameof(DealCaseNames))]
    public async Task A_deal_filter_returns_exactly_its_records(string name)
    {
        var (query, expected) = DealCases[name];

        var deals = await query(seeded).ToListAsync();

        Assert.Equal(expected, string.Join(' ', deals.Select(seeded.Name).Order(StringComparer.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(CompanyCaseNames))]
    public async Task A_company_filter_returns_exactly_its_records(string name)
    {
        var (query, expected) = CompanyCases[name];

        var companies = await query(seeded).ToListAsync();

        Assert.Equal(expected, string.Join(' ', companies.Select(seeded.Name).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Every_operator_of_every_data_type_in_the_snapshots_has_a_case()
    {
        // The cases above are the coverage claim; this derives it from the cases' own filters and the
        // operator table, so a data type or operator without a case is named here.
        var dataTypes = DataTypesOf(Fields<Deal, Deal.QueryFields>()).Concat(DataTypesOf(Fields<Company, Company.QueryFields>()))
            .GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.First().Value);
        var covered = DealCases.Values.SelectMany(c => c.Query(seeded).Filter!.Items)
            .Concat(CompanyCases.Values.SelectMany(c => c.Query(seeded).Filter!.Items))
            .Select(item => (dataTypes[item.FieldId], item.Operator))
            .ToHashSet();

        var missing = dataTypes.Values.Distinct()
            .SelectMany(type => WorkiomOperators.For(type).Select(op => (type, op)))
            .Where(pair => !covered.Contains(pair))
            .Select(pair => $"{pair.type} {pair.op}")
            .ToList();

        if (missing.Count > 0)
        {
            Assert.Fail("No case runs: " + string.Join(", ", missing));
        }

        Assert.Equal(22, dataTypes.Values.Distinct().Count());
    }

    [Fact]
    public async Task Conditions_combine_with_and_or_and_chained_where()
    {
        var deals = seeded.Client.Deals();

        var both = await deals.Where(d => d.Amount > 50_000m & d.Stage == Deal.StageOption.Qualified).ToListAsync();
        var either = await deals.Where(d => d.Amount > 100_000m | d.Stage == Deal.StageOption.Lead).ToListAsync();
        var chained = await deals.Where(d => d.Amount > 50_000m).Where(d => d.IsStrategic == false).ToListAsync();

        Assert.Equal("D2", Names(both));
        Assert.Equal("D1 D3", Names(either));
        Assert.Equal("D2", Names(chained));
    }

    [Fact]
    public async Task Sorting_is_ascending_with_empty_values_first_or_descending()
    {
        var deals = seeded.Client.Deals();

        var ascending = await deals.OrderBy(d => d.Amount).ToListAsync();
        var descending = await deals.OrderByDescending(d => d.Amount).ToListAsync();
        var byName = await deals.OrderBy(d => d.DealName).ToListAsync();

        Assert.Equal(["D4", "D3", "D2", "D1"], ascending.Select(seeded.Name));
        Assert.Equal(["D1", "D2", "D3", "D4"], descending.Select(seeded.Name));
        Assert.Equal(["D1", "D4", "D2", "D3"], byName.Select(seeded.Name));
    }

    [Fact]
    public async Task Skip_and_take_page_through_a_sorted_query()
    {
        var sorted = seeded.Client.Deals().OrderByDescending(d => d.Amount);

        var middle = await sorted.Skip(1).Take(2).ToListAsync();
        var tail = await sorted.Skip(3).ToListAsync();
        var none = await sorted.Take(0).ToListAsync();

        Assert.Equal(["D2", "D3"], middle.Select(seeded.Name));
        Assert.Equal(["D4"], tail.Select(seeded.Name));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_projection_loads_only_the_chosen_fields_and_marks_the_records()
    {
        var projected = await seeded.Client.Deals().Where(d => d.Stage == Deal.StageOption.Qualified)
            .Project(d => d.DealName, d => d.Amount).ToListAsync();

        var deal = Assert.Single(projected);
        Assert.True(deal.IsProjected);
        Assert.Equal(seeded.D2.Id, deal.Id);
        Assert.Equal("Globex pilot", deal.DealName);
        Assert.Equal(62_500m, deal.Amount);
        Assert.Null(deal.Stage);
        Assert.Empty(deal.Company);
        Assert.False(seeded.D2.IsProjected);
    }

    [Fact]
    public async Task Count_and_first_or_default_answer_from_one_page()
    {
        var deals = seeded.Client.Deals();

        Assert.Equal(4, await deals.Query().CountAsync());
        Assert.Equal(2, await deals.Where(d => d.Amount > 50_000m).CountAsync());
        Assert.Equal(1, await deals.Where(d => d.Amount > 50_000m).Skip(1).CountAsync());
        Assert.Equal(2, await deals.Query().Skip(1).Take(2).CountAsync());

        var largest = await deals.OrderByDescending(d => d.Amount).FirstOrDefaultAsync();
        var second = await deals.OrderByDescending(d => d.Amount).Skip(1).FirstOrDefaultAsync();
        var missing = await deals.Where(d => d.DealName == "no such deal").FirstOrDefaultAsync();

        Assert.Equal(seeded.D1.Id, largest?.Id);
        Assert.Equal(seeded.D2.Id, second?.Id);
        Assert.Null(missing);
    }

    private static TFields Fields<TRecord, TFields>()
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>, IWorkiomQueryable<TRecord, TFields>
        where TFields : class => TRecord.QueryFields;

    private static IEnumerable<KeyValuePair<int, WorkiomDataType>> DataTypesOf(object fields) =>
        fields.GetType().GetProperties()
            .Select(property => property.GetValue(fields))
            .OfType<IWorkiomField>()
            .Select(field => KeyValuePair.Create(field.FieldId, field.DataType));

    private string Names(IEnumerable<Deal> deals) => string.Join(' ', deals.Select(seeded.Name).Order(StringComparer.Ordinal));
}
