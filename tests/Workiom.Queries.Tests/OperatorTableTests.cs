using System.Reflection;
using Workiom.Queries.Tests.TestRecords;

namespace Workiom.Queries.Tests;

/// <summary>
/// The operator table is the one place that says which data type takes which operator; these
/// tests pin it to the API guide and check every descriptor offers exactly what it says.
/// </summary>
public class OperatorTableTests
{
    [Fact]
    public void Operator_numbers_are_the_api_numbers()
    {
        int[] expected = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
        WorkiomFilterOperator[] operators =
        [
            WorkiomFilterOperator.Contains, WorkiomFilterOperator.DoesNotContain, WorkiomFilterOperator.Is,
            WorkiomFilterOperator.IsNot, WorkiomFilterOperator.Greater, WorkiomFilterOperator.Less,
            WorkiomFilterOperator.IsEmpty, WorkiomFilterOperator.IsNotEmpty, WorkiomFilterOperator.GreaterOrEqual,
            WorkiomFilterOperator.LessOrEqual, WorkiomFilterOperator.Between, WorkiomFilterOperator.In,
            WorkiomFilterOperator.NotIn,
        ];

        Assert.Equal(expected, operators.Select(static o => (int)o));
        Assert.Equal(13, Enum.GetValues<WorkiomFilterOperator>().Length);
    }

    public static TheoryData<WorkiomDataType, int[]> ExpectedTable => new()
    {
        { WorkiomDataType.Text, [1, 2, 3, 4, 7, 8] },
        { WorkiomDataType.Website, [1, 2, 3, 4, 7, 8] },
        { WorkiomDataType.Email, [1, 2, 3, 4, 7, 8] },
        { WorkiomDataType.PhoneNumber, [1, 2, 3, 4, 7, 8] },
        { WorkiomDataType.Number, [3, 4, 5, 6, 7, 8, 9, 10, 11] },
        { WorkiomDataType.Currency, [3, 4, 5, 6, 7, 8, 9, 10, 11] },
        { WorkiomDataType.ProgressBar, [3, 4, 5, 6, 7, 8, 9, 10, 11] },
        { WorkiomDataType.Count, [3, 4, 5, 6, 7, 8, 9, 10, 11] },
        { WorkiomDataType.AutoNumber, [3, 4, 5, 6, 7, 8, 9, 10, 11] },
        { WorkiomDataType.Rollup, [3, 4, 5, 6, 7, 8, 9, 10, 11] },
        { WorkiomDataType.DateTime, [3, 4, 5, 6, 7, 8, 9, 10, 11] },
        { WorkiomDataType.Boolean, [3] },
        { WorkiomDataType.StaticSelect, [3, 4, 7, 8, 12, 13] },
        { WorkiomDataType.Status, [3, 4, 7, 8, 12, 13] },
        { WorkiomDataType.User, [3, 4, 7, 8, 12, 13] },
        { WorkiomDataType.MultiStaticSelect, [1, 7, 8, 12, 13] },
        { WorkiomDataType.MultiUser, [1, 7, 8, 12, 13] },
        { WorkiomDataType.LinkList, [3, 4, 7, 8] },
        { WorkiomDataType.File, [7, 8] },
        { WorkiomDataType.CheckList, [7, 8] },
        { WorkiomDataType.Location, [7, 8] },
        { WorkiomDataType.Dependency, [7, 8] },
        { WorkiomDataType.Signature, [7, 8] },
    };

    [Theory]
    [MemberData(nameof(ExpectedTable))]
    public void The_table_gives_each_data_type_its_operators(WorkiomDataType dataType, int[] expected) =>
        Assert.Equal(expected, WorkiomOperators.Allowed[dataType].Select(static o => (int)o).Order());

    [Fact]
    public void Every_data_type_has_a_row()
    {
        Assert.Equal(Enum.GetValues<WorkiomDataType>().Order(), WorkiomOperators.Allowed.Keys.Order());
        Assert.Equal(ExpectedTable.Count(), WorkiomOperators.Allowed.Count);
    }

    [Fact]
    public void A_data_type_newer_than_the_library_gets_only_the_emptiness_tests()
    {
        Assert.Equal([WorkiomFilterOperator.IsEmpty, WorkiomFilterOperator.IsNotEmpty], WorkiomOperators.For((WorkiomDataType)99));
        Assert.False(WorkiomOperators.IsAllowed((WorkiomDataType)99, WorkiomFilterOperator.Is));
        Assert.True(WorkiomOperators.IsAllowed(WorkiomDataType.Boolean, WorkiomFilterOperator.Is));
        Assert.False(WorkiomOperators.IsAllowed(WorkiomDataType.Boolean, WorkiomFilterOperator.IsEmpty));
    }

    public static TheoryData<string> AllDescriptors() => new(DescriptorNames());

    private static IEnumerable<string> DescriptorNames() =>
        typeof(Deal.QueryFields).GetProperties().Select(static p => "Deal." + p.Name)
            .Concat(typeof(Company.QueryFields).GetProperties().Select(static p => "Company." + p.Name));

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Each_descriptor_offers_exactly_the_operators_of_its_data_type(string descriptor)
    {
        var field = Descriptor(descriptor);

        var offered = OfferedOperators(field.GetType());

        Assert.Equal(WorkiomOperators.For(field.DataType).Order(), offered.Order());
    }

    [Fact]
    public void Sortable_fields_are_the_single_valued_ones()
    {
        var sortable = DescriptorNames().Select(Descriptor).OfType<IWorkiomSortable>()
            .Select(static f => f.DataType).Distinct().Order().ToArray();

        WorkiomDataType[] expected =
        [
            WorkiomDataType.Text, WorkiomDataType.Number, WorkiomDataType.DateTime, WorkiomDataType.Boolean,
            WorkiomDataType.StaticSelect, WorkiomDataType.User, WorkiomDataType.Website, WorkiomDataType.Email,
            WorkiomDataType.PhoneNumber, WorkiomDataType.Count, WorkiomDataType.Currency, WorkiomDataType.AutoNumber,
            WorkiomDataType.Status, WorkiomDataType.ProgressBar, WorkiomDataType.Rollup,
        ];
        Assert.Equal(expected.Order(), sortable);
    }

    private static IWorkiomField Descriptor(string descriptor)
    {
        var parts = descriptor.Split('.');
        object fields = parts[0] == "Deal" ? new Deal.QueryFields() : new Company.QueryFields();
        return (IWorkiomField)fields.GetType().GetProperty(parts[1])!.GetValue(fields)!;
    }

    // Reads the operators off the descriptor's public surface: its methods named after operators
    // and its C# operators, minus any a caller cannot use (obsolete as an error).
    private static IEnumerable<WorkiomFilterOperator> OfferedOperators(Type descriptorType)
    {
        var found = new HashSet<WorkiomFilterOperator>();
        foreach (var method in descriptorType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy))
        {
            if (method.GetCustomAttribute<ObsoleteAttribute>() is { IsError: true })
            {
                continue;
            }

            WorkiomFilterOperator? filterOperator = method.Name switch
            {
                "op_Equality" => WorkiomFilterOperator.Is,
                "op_Inequality" => WorkiomFilterOperator.IsNot,
                "op_GreaterThan" => WorkiomFilterOperator.Greater,
                "op_GreaterThanOrEqual" => WorkiomFilterOperator.GreaterOrEqual,
                "op_LessThan" => WorkiomFilterOperator.Less,
                "op_LessThanOrEqual" => WorkiomFilterOperator.LessOrEqual,
                _ when method.ReturnType.IsGenericType
                    && method.ReturnType.GetGenericTypeDefinition() == typeof(FilterCondition<>)
                    && Enum.TryParse<WorkiomFilterOperator>(method.Name, out var named) => named,
                _ => null,
            };

            if (filterOperator is not null)
            {
                Assert.True(
                    method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(FilterCondition<>),
                    $"{descriptorType.Name}.{method.Name} should build a condition.");
                found.Add(filterOperator.Value);
            }
        }

        return found;
    }
}
