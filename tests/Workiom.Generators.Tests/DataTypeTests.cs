using Workiom.Generators.Model;
using Xunit;

namespace Workiom.Generators.Tests;

public class DataTypeTests
{
    [Fact]
    public void The_generator_and_the_runtime_name_every_data_type_alike()
    {
        // The generator ships without a reference to the runtime, and emits Workiom.WorkiomDataType members by its own names.
        var generator = Enum.GetValues<DataType>().Select(v => (Name: v.ToString(), Value: (int)v)).OrderBy(v => v.Value).ToList();
        var runtime = Enum.GetValues(typeof(WorkiomDataType)).Cast<WorkiomDataType>().Select(v => (Name: v.ToString(), Value: (int)v)).OrderBy(v => v.Value).ToList();

        Assert.Equal(runtime, generator);
        Assert.All(generator, v => Assert.Equal(v.Name, ((DataType)v.Value).Name()));
        Assert.Equal((int)DataTypes.LastKnown, runtime[^1].Value);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(23)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void A_data_type_the_generator_does_not_know_keeps_its_number(int value)
    {
        var dataType = (DataType)value;

        Assert.False(dataType.IsKnown());
        Assert.Null(dataType.Name());
        Assert.Equal(value, (int)dataType);
    }
}
