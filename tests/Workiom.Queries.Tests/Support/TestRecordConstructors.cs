namespace Workiom.Queries.Tests.TestRecords;

// The records are generated from tests/Fixtures; these constructors only save the tests from reading JSON
// to get a record with an id, as a reply would hand it out (the id's setter is not public).

public sealed partial class Deal
{
    public Deal()
    {
    }

    public Deal(string id)
    {
        Id = id;
    }
}

public sealed partial class Company
{
    public Company()
    {
    }

    public Company(string? id, string? companyName)
    {
        Id = id;
        CompanyName = companyName;
    }
}
