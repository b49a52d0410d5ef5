namespace Workiom;

/// <summary>The <c>dataType</c> of a Workiom field, as <c>Lists/Get</c> reports it.</summary>
public enum WorkiomDataType
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
