using System.Text.Json.Nodes;

namespace Workiom.Emulator.Schema;

/// <summary>Workiom's numeric data types (the <c>dataType</c> of a field).</summary>
internal static class DataTypes
{
    public const int Text = 0;
    public const int Number = 1;
    public const int DateTime = 2;
    public const int Boolean = 3;
    public const int StaticSelect = 4;
    public const int LinkList = 5;
    public const int User = 6;
    public const int Website = 7;
    public const int Email = 8;
    public const int File = 9;
    public const int Rollup = 10;
    public const int PhoneNumber = 11;
    public const int Count = 12;
    public const int Currency = 13;
    public const int AutoNumber = 14;
    public const int CheckList = 15;
    public const int Status = 16;
    public const int MultiStaticSelect = 17;
    public const int MultiUser = 18;
    public const int ProgressBar = 19;
    public const int Location = 20;
    public const int Dependency = 21;
    public const int Signature = 22;

    public static bool IsTextLike(int dataType) =>
        dataType is Text or Website or Email or PhoneNumber;

    public static bool IsNumberLike(int dataType) =>
        dataType is Number or Currency or ProgressBar or Count or AutoNumber or Rollup;
}

/// <summary>One option of a select or status field.</summary>
internal sealed record OptionSchema(string Id, string Label, int Order, JsonNode? Color, bool? IsClosed);

/// <summary>What the emulator needs to know about one field of a list snapshot.</summary>
internal sealed class FieldSchema
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required int DataType { get; init; }
    public bool IsPrimary { get; init; }
    public bool IsRequired { get; init; }
    public bool AllowMultiple { get; init; }
    public string? LinkedListId { get; init; }
    public long? LinkedFieldId { get; init; }
    public long? RollupFieldId { get; init; }
    public int DateType { get; init; }
    public bool IsComputed { get; init; }

    /// <summary>The formula of a computed field, such as <c>{Amount} * {Probability} / 100</c>.</summary>
    public string? Expression { get; init; }
    public int SystemFieldType { get; init; }
    public bool IsSystemField { get; init; }
    public int SummaryType { get; init; }
    public IReadOnlyList<OptionSchema> Options { get; init; } = [];

    public string Key => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsSystem => SystemFieldType != 0 || IsSystemField;

    /// <summary>The service refuses writes to these; it computes them itself.</summary>
    public bool IsReadOnly =>
        IsComputed || IsSystem || DataType is DataTypes.Rollup or DataTypes.Count or DataTypes.AutoNumber;

    public string Describe() => $"'{Name}' ({Id})";
}
