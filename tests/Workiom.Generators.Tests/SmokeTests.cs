using Workiom.Generators.Tests.Crm;
using Xunit;

namespace Workiom.Generators.Tests;

public class SmokeTests
{
    [Fact]
    public void Generated_types_exist()
    {
        Assert.Equal("b2a42566-eb5c-40bb-15d8-08d601df4183", Deal.WorkiomListId);
        Assert.Equal(2014502, Deal.Fields.DealName);
    }
}
