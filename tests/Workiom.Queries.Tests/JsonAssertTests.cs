using Workiom.Queries.Tests.Support;

namespace Workiom.Queries.Tests;

/// <summary>The golden tests lean on JsonAssert, so it must itself catch every kind of difference.</summary>
public class JsonAssertTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{ "b": [1, 2], "a": 1.0 }""")]
    [InlineData("""[{"id":"x"}]""", """[ { "id" : "x" } ]""")]
    public void Equal_accepts_the_same_json_written_differently(string expected, string actual) =>
        JsonAssert.Equal(expected, actual);

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":1}""", """{"a":1,"b":null}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":"x"}""", """{"a":"X"}""")]
    [InlineData("""{"a":null}""", """{"a":[]}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("""{"a":true}""", """{"a":false}""")]
    public void Equal_rejects_any_difference(string expected, string actual) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => JsonAssert.Equal(expected, actual));
}
