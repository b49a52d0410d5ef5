namespace Workiom.Generators.Model;

/// <summary>
/// The <c>dataType</c> of a Workiom field. Member names and values are those of the runtime's
/// <c>Workiom.WorkiomDataType</c> (a test holds them equal), so generated code can name the runtime
/// member after this one. A value Workiom adds later is kept as its number: an enum holds any int.
/// </summary>
internal enum DataType
{
    Text = 0,
    Number = 1,
    DateTime = 2,
    Boolean = 3,
    StaticSelect = 4,
    LinkList = 5,
    User = 6,
    Website = 7,
    Email = 8,
    File = 9,
    Rollup = 10,
    PhoneNumber = 11,
    Count = 12,
    Currency = 13,
    AutoNumber = 14,
    CheckList = 15,
    Status = 16,
    MultiStaticSelect = 17,
    MultiUser = 18,
    ProgressBar = 19,
    Location = 20,
    Dependency = 21,
    Signature = 22,
}

/// <summary>What a DateTime field holds (<c>dateType</c>): 0 is a date only, anything else a date and a time of day.</summary>
internal enum DateKind
{
    DateOnly = 0,
    DateAndTime = 1,
}

/// <summary>Facts about data types that more than one stage of the generator asks.</summary>
internal static class DataTypes
{
    /// <summary>The highest data type this generator knows.</summary>
    public const DataType LastKnown = DataType.Signature;

    /// <summary>Whether this generator knows the data type (an unknown one is kept as raw JSON).</summary>
    public static bool IsKnown(this DataType dataType) => dataType is >= DataType.Text and <= LastKnown;

    /// <summary>StaticSelect, Status and MultiStaticSelect: their values are options, which get a generated type.</summary>
    public static bool HasOptions(this DataType dataType) => dataType is DataType.StaticSelect or DataType.Status or DataType.MultiStaticSelect;

    /// <summary>The member name of a known data type (the name of its <c>Workiom.WorkiomDataType</c> member), else null.</summary>
    public static string? Name(this DataType dataType) => dataType.IsKnown() ? Names[(int)dataType] : null;

    // Indexed by value: Enum.ToString would look the name up by reflection for every field.
    private static readonly string[] Names =
    {
        nameof(DataType.Text), nameof(DataType.Number), nameof(DataType.DateTime), nameof(DataType.Boolean),
        nameof(DataType.StaticSelect), nameof(DataType.LinkList), nameof(DataType.User), nameof(DataType.Website),
        nameof(DataType.Email), nameof(DataType.File), nameof(DataType.Rollup), nameof(DataType.PhoneNumber),
        nameof(DataType.Count), nameof(DataType.Currency), nameof(DataType.AutoNumber), nameof(DataType.CheckList),
        nameof(DataType.Status), nameof(DataType.MultiStaticSelect), nameof(DataType.MultiUser), nameof(DataType.ProgressBar),
        nameof(DataType.Location), nameof(DataType.Dependency), nameof(DataType.Signature),
    };
}
