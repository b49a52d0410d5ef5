using Workiom.Queries.Tests.Support;
using Workiom.Queries.Tests.TestRecords;
using static Workiom.Queries.Tests.Support.Bodies;

namespace Workiom.Queries.Tests;

public class QueryCompositionTests
{
    private static readonly WorkiomQuery<Deal, Deal.QueryFields> Deals = WorkiomQuery<Deal, Deal.QueryFields>.Create();

    [Fact]
    public void Every_call_returns_a_new_query_and_leaves_the_old_one_alone()
    {
        var original = Deals.Where(d => d.Amount > 1);
        var before = original.ToRequestJson(0, 200);

        var changed = original.Where(d => d.IsStrategic == true).OrderBy(d => d.Amount).Skip(5).Take(10)
            .Select(d => new IWorkiomField[] { d.Amount }).Search("x").WithIds("a").WithLinkedItemsLimit(1);

        Assert.NotSame(original, changed);
        Assert.Equal(before, original.ToRequestJson(0, 200));
        Assert.Single(original.Filter!.Items);
        Assert.Null(original.SortField);
        Assert.Equal(0, original.SkipCount);
        Assert.Null(original.TakeCount);
        Assert.Equal(2, changed.Filter!.Items.Count);
    }

    [Theory]
    [InlineData(new[] { "Skip:10", "Take:5", "Skip:2" }, 12, 3)]
    [InlineData(new[] { "Take:5", "Take:10" }, 0, 5)]
    [InlineData(new[] { "Take:10", "Take:5" }, 0, 5)]
    [InlineData(new[] { "Take:3", "Skip:5" }, 5, 0)]
    [InlineData(new[] { "Skip:3", "Skip:4" }, 7, null)]
    [InlineData(new[] { "Take:25000" }, 0, 25000)]
    [InlineData(new[] { "Take:0" }, 0, 0)]
    public void Skip_and_take_compose_like_linq(string[] steps, int expectedSkip, int? expectedTake)
    {
        var query = Deals;
        foreach (var step in steps)
        {
            var parts = step.Split(':');
            int count = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            query = parts[0] == "Skip" ? query.Skip(count) : query.Take(count);
        }

        Assert.Equal(expectedSkip, query.SkipCount);
        Assert.Equal(expectedTake, query.TakeCount);
        IWorkiomQuery asInterface = query;
        Assert.Equal(expectedSkip, asInterface.Skip);
        Assert.Equal(expectedTake, asInterface.Take);
    }

    [Fact]
    public void Where_calls_and_together_in_order()
    {
        var query = Deals.Where(d => d.Amount > 1).Where(d => d.Amount < 10 && d.DealName.Contains("a"));

        Assert.Equal(FilterCombinator.And, query.Filter!.Combinator);
        Assert.Equal([2014503, 2014503, 2014502], query.Filter.Items.Select(static i => i.FieldId));
        Assert.Equal(
            [WorkiomFilterOperator.Greater, WorkiomFilterOperator.Less, WorkiomFilterOperator.Contains],
            query.Filter.Items.Select(static i => i.Operator));
    }

    [Fact]
    public void A_single_condition_built_outside_the_lambda_ands_with_another_where()
    {
        var fields = new Deal.QueryFields();
        var single = fields.Amount > 1;

        var query = Deals.Where(_ => single).Where(d => d.Stage == "Won");

        Assert.Equal(FilterCombinator.And, query.Filter!.Combinator);
        Assert.Equal(2, query.Filter.Items.Count);
    }

    [Fact]
    public void With_ids_twice_keeps_the_common_ids()
    {
        var query = Deals.WithIds("a", "b", "c", "b").WithIds("c", "b", "z");

        Assert.Equal(["b", "c"], query.Ids!);
    }

    [Fact]
    public void Conditions_describe_themselves_for_messages()
    {
        var fields = new Deal.QueryFields();

        var condition = fields.Amount > 1000 && fields.Stage.In(Deal.StageOption.Won, Deal.StageOption.Lost);

        Assert.Equal("Amount Greater 1000 AND Stage In [Won, Lost]", condition.ToString());
        Assert.Equal("Deals where Amount Greater 1000 order by Amount descending take 5",
            Deals.Where(d => d.Amount > 1000).OrderByDescending(d => d.Amount).Take(5).ToString());
    }

    [Fact]
    public void Descriptors_carry_id_name_and_data_type()
    {
        var fields = new Deal.QueryFields();

        Assert.Equal(2014503, fields.Amount.FieldId);
        Assert.Equal("Amount", fields.Amount.Name);
        Assert.Equal(WorkiomDataType.Currency, fields.Amount.DataType);
        Assert.Equal(WorkiomDataType.DateTime, fields.ExpectedClose.DataType);
        Assert.Equal(WorkiomDataType.Status, fields.Stage.DataType);
        Assert.Equal(WorkiomDataType.StaticSelect, fields.Source.DataType);
    }

    [Fact]
    public void The_body_is_written_to_a_caller_supplied_writer()
    {
        var query = Deals.Where(d => d.DealName.IsNotEmpty());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            ((IWorkiomQuery)query).WriteDataAllBody(writer, 400, 200);
        }

        JsonAssert.Equal(
            Body(DealsListId, Item(2014502, 8), skipCount: 400),
            System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
