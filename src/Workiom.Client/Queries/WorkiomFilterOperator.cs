using System.Collections.ObjectModel;

namespace Workiom.Queries;

/// <summary>The <c>operator</c> of one <c>Data/All</c> filter item, with the number the API expects.</summary>
public enum WorkiomFilterOperator
{
    Contains = 1,
    DoesNotContain = 2,
    Is = 3,
    IsNot = 4,
    Greater = 5,
    Less = 6,
    IsEmpty = 7,
    IsNotEmpty = 8,
    GreaterOrEqual = 9,
    LessOrEqual = 10,

    /// <summary><c>value</c> is the lower bound, <c>value2</c> the upper one (both inclusive).</summary>
    Between = 11,
    In = 12,
    NotIn = 13,
}

/// <summary>
/// Which filter operators Workiom accepts on which field data type. This table is the one place
/// that rule lives: every field descriptor checks its conditions against it, and the tests check
/// each descriptor's methods against it, so a correction here is a correction everywhere.
/// </summary>
public static class WorkiomOperators
{
    private static readonly WorkiomFilterOperator[] TextOperators =
    [
        WorkiomFilterOperator.Contains, WorkiomFilterOperator.DoesNotContain,
        WorkiomFilterOperator.Is, WorkiomFilterOperator.IsNot,
        WorkiomFilterOperator.IsEmpty, WorkiomFilterOperator.IsNotEmpty,
    ];

    private static readonly WorkiomFilterOperator[] OrderedOperators =
    [
        WorkiomFilterOperator.Is, WorkiomFilterOperator.IsNot,
        WorkiomFilterOperator.Greater, WorkiomFilterOperator.GreaterOrEqual,
        WorkiomFilterOperator.Less, WorkiomFilterOperator.LessOrEqual,
        WorkiomFilterOperator.Between,
        WorkiomFilterOperator.IsEmpty, WorkiomFilterOperator.IsNotEmpty,
    ];

    private static readonly WorkiomFilterOperator[] BooleanOperators = [WorkiomFilterOperator.Is];

    private static readonly WorkiomFilterOperator[] SingleChoiceOperators =
    [
        WorkiomFilterOperator.Is, WorkiomFilterOperator.IsNot,
        WorkiomFilterOperator.In, WorkiomFilterOperator.NotIn,
        WorkiomFilterOperator.IsEmpty, WorkiomFilterOperator.IsNotEmpty,
    ];

    private static readonly WorkiomFilterOperator[] MultipleChoiceOperators =
    [
        WorkiomFilterOperator.Contains,
        WorkiomFilterOperator.In, WorkiomFilterOperator.NotIn,
        WorkiomFilterOperator.IsEmpty, WorkiomFilterOperator.IsNotEmpty,
    ];

    private static readonly WorkiomFilterOperator[] LinkOperators =
    [
        WorkiomFilterOperator.Is, WorkiomFilterOperator.IsNot,
        WorkiomFilterOperator.IsEmpty, WorkiomFilterOperator.IsNotEmpty,
    ];

    private static readonly WorkiomFilterOperator[] EmptinessOperators =
    [
        WorkiomFilterOperator.IsEmpty, WorkiomFilterOperator.IsNotEmpty,
    ];

    /// <summary>The operators each data type accepts.</summary>
    public static IReadOnlyDictionary<WorkiomDataType, IReadOnlyList<WorkiomFilterOperator>> Allowed { get; } =
        new ReadOnlyDictionary<WorkiomDataType, IReadOnlyList<WorkiomFilterOperator>>(
            new Dictionary<WorkiomDataType, IReadOnlyList<WorkiomFilterOperator>>
            {
                [WorkiomDataType.Text] = TextOperators,
                [WorkiomDataType.Website] = TextOperators,
                [WorkiomDataType.Email] = TextOperators,
                [WorkiomDataType.PhoneNumber] = TextOperators,
                [WorkiomDataType.Number] = OrderedOperators,
                [WorkiomDataType.Currency] = OrderedOperators,
                [WorkiomDataType.ProgressBar] = OrderedOperators,
                [WorkiomDataType.Count] = OrderedOperators,
                [WorkiomDataType.AutoNumber] = OrderedOperators,
                [WorkiomDataType.Rollup] = OrderedOperators,
                [WorkiomDataType.DateTime] = OrderedOperators,
                [WorkiomDataType.Boolean] = BooleanOperators,
                [WorkiomDataType.StaticSelect] = SingleChoiceOperators,
                [WorkiomDataType.Status] = SingleChoiceOperators,
                [WorkiomDataType.User] = SingleChoiceOperators,
                [WorkiomDataType.MultiStaticSelect] = MultipleChoiceOperators,
                [WorkiomDataType.MultiUser] = MultipleChoiceOperators,
                [WorkiomDataType.LinkList] = LinkOperators,
                [WorkiomDataType.File] = EmptinessOperators,
                [WorkiomDataType.CheckList] = EmptinessOperators,
                [WorkiomDataType.Location] = EmptinessOperators,
                [WorkiomDataType.Dependency] = EmptinessOperators,
                [WorkiomDataType.Signature] = EmptinessOperators,
            });

    /// <summary>
    /// The operators a data type accepts. A data type newer than this library (not in
    /// <see cref="Allowed"/>) gets only IsEmpty and IsNotEmpty, the one thing every field supports.
    /// </summary>
    public static IReadOnlyList<WorkiomFilterOperator> For(WorkiomDataType dataType) =>
        Allowed.TryGetValue(dataType, out var operators) ? operators : EmptinessOperators;

    /// <summary>Whether a field of this data type accepts this operator.</summary>
    public static bool IsAllowed(WorkiomDataType dataType, WorkiomFilterOperator filterOperator)
    {
        foreach (var allowed in For(dataType))
        {
            if (allowed == filterOperator)
            {
                return true;
            }
        }

        return false;
    }
}
