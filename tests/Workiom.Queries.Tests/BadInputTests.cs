using Workiom.Queries.Tests.TestRecords;

namespace Workiom.Queries.Tests;

/// <summary>Bad input fails at the call that caused it, with a message that names the field.</summary>
public class BadInputTests
{
    private static readonly WorkiomQuery<Deal, Deal.QueryFields> Deals = WorkiomQuery<Deal, Deal.QueryFields>.Create();
    private static readonly Deal.QueryFields F = new();

    [Fact]
    public void Between_with_lower_above_upper_names_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => F.Amount.Between(200, 100));
        Assert.Contains("'Amount'", error.Message);
        Assert.Contains("200", error.Message);

        Assert.Contains("'Expected Close'", Assert.Throws<ArgumentException>(
            () => F.ExpectedClose.Between(new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 1))).Message);
        Assert.Contains("'Next Meeting'", Assert.Throws<ArgumentException>(
            () => F.NextMeeting.Between(DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch)).Message);
    }

    public static TheoryData<string, Func<object>> EmptyLists => new()
    {
        { "Stage", () => F.Stage.In(Array.Empty<Deal.StageOption>()) },
        { "Stage", () => F.Stage.NotIn(Array.Empty<string>()) },
        { "Tags", () => F.Tags.In(Array.Empty<Deal.TagsOption>()) },
        { "Tags", () => F.Tags.NotIn(Array.Empty<string>()) },
        { "Owner", () => F.Owner.In(Array.Empty<long>()) },
        { "Owner", () => F.Owner.NotIn(Array.Empty<WorkiomUser>()) },
        { "Watchers", () => F.Watchers.In(Array.Empty<WorkiomUser>()) },
        { "Watchers", () => F.Watchers.NotIn(Array.Empty<long>()) },
    };

    [Theory]
    [MemberData(nameof(EmptyLists))]
    public void An_empty_in_or_not_in_names_the_field(string field, Func<object> build)
    {
        var error = Assert.Throws<ArgumentException>(build);

        Assert.Contains($"'{field}'", error.Message);
    }

    public static TheoryData<string, Func<object>> Nulls => new()
    {
        { "Deal Name", () => F.DealName == null! },
        { "Deal Name", () => F.DealName != null! },
        { "Deal Name", () => F.DealName.Contains(null!) },
        { "Stage", () => F.Stage.Is((Deal.StageOption)null!) },
        { "Stage", () => F.Stage.Is((string)null!) },
        { "Tags", () => F.Tags.Contains((Deal.TagsOption)null!) },
        { "Owner", () => F.Owner.Is((WorkiomUser)null!) },
        { "Watchers", () => F.Watchers.Contains((WorkiomUser)null!) },
        { "Company", () => F.Company.Is((Company)null!) },
        { "Company", () => F.Company.Is((string)null!) },
    };

    [Theory]
    [MemberData(nameof(Nulls))]
    public void A_null_value_names_the_field_and_points_to_is_empty(string field, Func<object> build)
    {
        var error = Assert.Throws<ArgumentNullException>(build);

        Assert.Contains($"'{field}'", error.Message);
        Assert.Contains("IsEmpty()", error.Message);
    }

    [Fact]
    public void A_null_inside_a_list_names_the_field()
    {
        Assert.Contains("'Owner'", Assert.ThrowsAny<ArgumentException>(() => F.Owner.In(new WorkiomUser(1), null!)).Message);
        Assert.Contains("'Stage'", Assert.ThrowsAny<ArgumentException>(() => F.Stage.In(Deal.StageOption.Won, null!)).Message);
        Assert.Contains("'Tags'", Assert.ThrowsAny<ArgumentException>(() => F.Tags.In("SMB", null!)).Message);
    }

    [Fact]
    public void An_empty_text_points_to_is_empty()
    {
        var error = Assert.Throws<ArgumentException>(() => F.DealName == string.Empty);

        Assert.Contains("'Deal Name'", error.Message);
        Assert.Contains("IsEmpty()", error.Message);
    }

    [Theory]
    [InlineData("Closed")]
    [InlineData("won")]
    [InlineData("Won ")]
    public void An_unknown_label_names_the_field_and_the_known_labels(string label)
    {
        var error = Assert.Throws<ArgumentException>(() => F.Stage.Is(label));

        Assert.Contains("'Stage'", error.Message);
        Assert.Contains($"'{label}'", error.Message);
        Assert.Contains("'Proposal Sent'", error.Message);
        Assert.Contains("'Tags'", Assert.Throws<ArgumentException>(() => F.Tags.Contains(label)).Message);
        Assert.Contains("'Source'", Assert.Throws<ArgumentException>(() => F.Source.In("Website", label)).Message);
    }

    [Fact]
    public void A_link_target_without_an_id_names_the_field()
    {
        var unsaved = new Company(null, "New Co");

        var error = Assert.Throws<ArgumentException>(() => F.Company.Is(unsaved));

        Assert.Contains("'Company'", error.Message);
        Assert.Contains("without an id", error.Message);
        Assert.Contains("'Company'", Assert.Throws<ArgumentException>(() => F.Company.IsNot(string.Empty)).Message);
    }

    [Fact]
    public void An_option_created_without_an_id_is_refused()
    {
        var orphan = Deal.StageOption.Create(string.Empty, "Orphan", null, null, null);

        Assert.Contains("'Stage'", Assert.Throws<ArgumentException>(() => F.Stage.Is(orphan)).Message);
    }

    [Fact]
    public void Mixing_and_and_or_at_run_time_throws_naming_wkm1001()
    {
        var either = F.Amount > 100000 | F.IsStrategic == true;
        var both = F.Amount > 1 & F.Amount < 5;

        Assert.Contains("WKM1001", Assert.Throws<InvalidOperationException>(() => either & F.Stage == "Won").Message);
        Assert.Contains("WKM1001", Assert.Throws<InvalidOperationException>(() => both | F.Stage == "Won").Message);
        Assert.Contains("WKM1001", Assert.Throws<InvalidOperationException>(() => F.Stage == "Won" && either).Message);
    }

    [Fact]
    public void A_where_after_an_or_where_throws()
    {
        var orQuery = Deals.Where(d => d.Stage == "Won" || d.Stage == "Lost");

        Assert.Throws<InvalidOperationException>(() => orQuery.Where(d => d.Amount > 1));
        Assert.Throws<InvalidOperationException>(() => Deals.Where(d => d.Amount > 1).Where(d => d.Stage == "Won" || d.Stage == "Lost"));
    }

    [Fact]
    public void A_second_sort_field_throws_naming_both()
    {
        var sorted = Deals.OrderBy(d => d.Amount);

        var error = Assert.Throws<InvalidOperationException>(() => sorted.OrderByDescending(d => d.DealName));

        Assert.Contains("'Amount'", error.Message);
        Assert.Contains("'Deal Name'", error.Message);
    }

    [Fact]
    public void Null_selectors_and_predicates_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Deals.Where(_ => null!));
        Assert.Throws<ArgumentNullException>(() => Deals.Where(null!));
        Assert.Throws<ArgumentException>(() => Deals.OrderBy(_ => null!));
        Assert.Throws<ArgumentException>(() => Deals.Select(_ => (IEnumerable<IWorkiomField>)null!));
        Assert.Throws<ArgumentException>(() => Deals.Project(d => d.Amount, _ => null!));
        Assert.Throws<ArgumentNullException>(() => Deals.Project(d => d.Amount, null!));
    }

    [Fact]
    public void Negative_counts_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Deals.Skip(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Deals.Take(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Deals.WithLinkedItemsLimit(-1));
    }

    [Theory]
    [InlineData(-1, 200)]
    [InlineData(0, 0)]
    [InlineData(0, 10001)]
    public void A_page_outside_what_data_all_takes_throws(int skipCount, int maxResultCount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Deals.ToRequestJson(skipCount, maxResultCount));

    [Fact]
    public void Fields_of_another_list_are_refused_in_select_and_order_by()
    {
        var companyFields = new Company.QueryFields();

        var select = Assert.Throws<ArgumentException>(() => Deals.Select(_ => new IWorkiomField[] { companyFields.CompanyName }));
        var order = Assert.Throws<ArgumentException>(() => Deals.OrderBy(_ => companyFields.Employees));

        Assert.Contains("'Company Name'", select.Message);
        Assert.Contains("Deals", select.Message);
        Assert.Contains("'Employees'", order.Message);
    }

    [Fact]
    public void Select_needs_fields_and_only_one_projection()
    {
        Assert.Throws<ArgumentException>(() => Deals.Select(_ => Array.Empty<IWorkiomField>()));
        Assert.Throws<ArgumentException>(() => Deals.Select(_ => new Deal.QueryFields()));
        var projected = Deals.Select(d => new IWorkiomField[] { d.Amount });
        Assert.Throws<InvalidOperationException>(() => projected.Select(d => new IWorkiomField[] { d.DealName }));
    }

    [Fact]
    public void Search_and_ids_refuse_what_would_silently_mean_everything()
    {
        Assert.Throws<ArgumentException>(() => Deals.Search(" "));
        Assert.Throws<ArgumentNullException>(() => Deals.Search(null!));
        Assert.Throws<InvalidOperationException>(() => Deals.Search("a").Search("b"));
        Assert.Throws<ArgumentException>(() => Deals.WithIds());
        Assert.Throws<ArgumentException>(() => Deals.WithIds("a", ""));
        Assert.Throws<InvalidOperationException>(() => Deals.WithIds("a").WithIds("b"));
    }

    [Fact]
    public void A_descriptor_refuses_a_data_type_outside_its_family()
    {
        Assert.Throws<ArgumentException>(() => new TextField<Deal>(1, "x", WorkiomDataType.Number));
        Assert.Throws<ArgumentException>(() => new NumberField<Deal>(1, "x", WorkiomDataType.Text));
        Assert.Throws<ArgumentException>(() => new SelectField<Deal, Deal.StageOption>(1, "x", WorkiomDataType.MultiStaticSelect));
        Assert.Throws<ArgumentException>(() => new FileField<Deal>(1, "x", WorkiomDataType.CheckList));
        Assert.Throws<ArgumentException>(() => new RawField<Deal>(1, "x", WorkiomDataType.Boolean));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextField<Deal>(0, "x"));
        Assert.Throws<ArgumentNullException>(() => new TextField<Deal>(1, null!));
        Assert.Equal((WorkiomDataType)42, new RawField<Deal>(1, "future", (WorkiomDataType)42).DataType);
    }

    [Fact]
    public async Task Running_a_query_built_without_an_executor_says_so()
    {
        var query = Deals.Where(d => d.Amount > 1);

        Assert.Contains("without an executor", (await Assert.ThrowsAsync<InvalidOperationException>(() => query.ToListAsync())).Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => query.CountAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => query.FirstOrDefaultAsync());
        Assert.Throws<InvalidOperationException>(() => query.AsAsyncEnumerable());
        Assert.Throws<InvalidOperationException>(() => query.GetAsyncEnumerator());
    }
}
