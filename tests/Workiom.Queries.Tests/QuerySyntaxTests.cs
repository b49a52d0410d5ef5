using Workiom.Queries.Tests.Support;
using Workiom.Queries.Tests.TestRecords;
using static Workiom.Queries.Tests.Support.Bodies;

namespace Workiom.Queries.Tests;

public class QuerySyntaxTests
{
    private static readonly WorkiomQuery<Deal, Deal.QueryFields> Deals = WorkiomQuery<Deal, Deal.QueryFields>.Create();

    [Fact]
    public void Where_orderby_descending_select_writes_filter_and_sorting()
    {
        var query = from d in Deals
                    where d.Amount > 1000m
                    orderby d.ExpectedClose descending
                    select d;

        JsonAssert.Equal(
            Body(DealsListId, Item(2014503, 5, "1000"), sorting: "\"2014511 DESC\""),
            query.ToRequestJson(0, 200));
    }

    [Fact]
    public void Orderby_ascending_writes_asc()
    {
        var query = from d in Deals orderby d.DealName select d;

        JsonAssert.Equal(Body(DealsListId, string.Empty, sorting: "\"2014502 ASC\""), query.ToRequestJson(0, 200));
    }

    [Fact]
    public void Plain_select_means_every_field()
    {
        var query = from d in Deals select d;

        Assert.Null(query.ProjectedFieldIds);
        JsonAssert.Equal(Body(DealsListId, string.Empty), query.ToRequestJson(0, 200));
    }

    [Fact]
    public void Plain_select_keeps_an_earlier_projection()
    {
        var projected = Deals.Select(d => new IWorkiomField[] { d.Amount });

        var query = from d in projected select d;

        Assert.Equal([2014503], query.ProjectedFieldIds!);
    }

    [Fact]
    public void Two_where_clauses_and_together()
    {
        var query = from d in Deals
                    where d.Stage == Deal.StageOption.Won
                    where d.Owner.Is(109725)
                    select d;

        JsonAssert.Equal(
            Body(
                DealsListId,
                Item(2014505, 3, """[{ "id": "c1818389-a77d-468f-92e5-7f47fff6f3b8", "label": "Won" }]""") + ", " +
                Item(2014509, 3, """[{ "id": "109725" }]""")),
            query.ToRequestJson(0, 200));
    }

    [Fact]
    public void Select_of_an_array_of_fields_projects_them()
    {
        var query = from d in Deals
                    where d.IsStrategic == true
                    select new IWorkiomField[] { d.DealName, d.Amount, d.Stage };

        Assert.Equal([2014502, 2014503, 2014505], query.ProjectedFieldIds!);
        JsonAssert.Equal(
            Body(DealsListId, Item(2014517, 3, "true"), projectedFields: "[2014502, 2014503, 2014505]"),
            query.ToRequestJson(0, 200));
    }

    [Fact]
    public void Or_in_a_single_where_clause_is_fine()
    {
        var query = from d in Deals
                    where d.Stage == "Won" || d.Stage == "Lost"
                    select d;

        Assert.Equal(FilterCombinator.Or, query.Filter!.Combinator);
        Assert.Equal(2, query.Filter.Items.Count);
    }

    [Fact]
    public void Project_takes_one_selector_per_field()
    {
        var query = Deals.Project(d => d.Stage, d => d.DealName, d => d.Stage);

        Assert.Equal([2014505, 2014502], query.ProjectedFieldIds!);
    }
}
