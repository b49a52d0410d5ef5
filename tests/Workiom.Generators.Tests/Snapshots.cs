using System.Globalization;

namespace Workiom.Generators.Tests;

/// <summary>Small snapshot documents built for one test each.</summary>
public static class Snapshots
{
    public static string Field(int id, string name, int dataType, string? extra = null) =>
        "{ \"id\": " + id.ToString(CultureInfo.InvariantCulture) + ", \"name\": " + System.Text.Json.JsonSerializer.Serialize(name) +
        ", \"dataType\": " + dataType.ToString(CultureInfo.InvariantCulture) + (extra is null ? string.Empty : ", " + extra) + " }";

    public static string List(string name, string id, params string[] fields) => ListWith(name, id, null, fields);

    public static string ListWith(string name, string id, string? extra, params string[] fields) =>
        "{\n  \"result\": {\n    \"id\": \"" + id + "\",\n    \"name\": " + System.Text.Json.JsonSerializer.Serialize(name) + ",\n" +
        (extra is null ? string.Empty : "    " + extra + ",\n") +
        "    \"fields\": [\n      " + string.Join(",\n      ", fields) + "\n    ]\n  }\n}\n";

    public static Infrastructure.SnapshotFile AllDataTypes() => new("/s/sample.json", List("Sample", "sample-list",
        Field(100, "Text", 0, "\"isPrimary\": true"),
        Field(101, "Number", 1),
        Field(102, "Date Only", 2, "\"dateType\": 0"),
        Field(103, "Date Time", 2, "\"dateType\": 1"),
        Field(104, "Boolean", 3),
        Field(105, "Static Select", 4, "\"staticListValues\": [{\"id\": \"a\", \"label\": \"A\", \"order\": 0}]"),
        Field(106, "Link List", 5, "\"linkedListId\": \"elsewhere\", \"allowMultiple\": true"),
        Field(107, "User", 6),
        Field(108, "Website", 7),
        Field(109, "Email", 8),
        Field(110, "File", 9),
        Field(111, "Rollup", 10, "\"isComputed\": true"),
        Field(112, "Phone Number", 11),
        Field(113, "Count", 12),
        Field(114, "Currency", 13),
        Field(115, "Auto Number", 14),
        Field(116, "Check List", 15),
        Field(117, "Status", 16, "\"staticListValues\": [{\"id\": \"open\", \"label\": \"Open\", \"order\": 0, \"color\": \"#fff\", \"isClosed\": false}]"),
        Field(118, "Multi Static Select", 17, "\"staticListValues\": [{\"id\": \"x\", \"label\": \"X\"}]"),
        Field(119, "Multi User", 18),
        Field(120, "Progress Bar", 19),
        Field(121, "Location", 20),
        Field(122, "Dependency", 21),
        Field(123, "Signature", 22),
        Field(124, "Static Select Many", 4, "\"allowMultiple\": true, \"staticListValues\": [{\"id\": \"m\", \"label\": \"M\"}]"),
        Field(125, "User Many", 6, "\"allowMultiple\": true")));

    /// <summary>Field and option names that are hard to turn into identifiers.</summary>
    public static Infrastructure.SnapshotFile HostileNames() => new("/s/hostile.json", List("Hostile Names!", "hostile",
        Field(1, "Deal Name", 0, "\"isPrimary\": true"),
        Field(2, "deal  name", 0),
        Field(3, "class", 0),
        Field(4, "2024 Budget", 13),
        Field(5, "🔥🔥", 3),
        Field(6, "اسم العميل", 0),
        Field(7, "Şirket Adı / ünvan", 0),
        Field(8, "Id", 0),
        Field(9, "Hostile Name", 0),
        Field(10, "Fields", 0),
        Field(11, "Stage", 16, "\"staticListValues\": [{\"id\": \"1\", \"label\": \"Won\"}, {\"id\": \"2\", \"label\": \"won\"}, {\"id\": \"3\", \"label\": \"Known\"}, {\"id\": \"4\", \"label\": \"\\\"quoted\\\" & <b>\"}, {\"id\": \"5\", \"label\": \"🙂\"}]"),
        Field(12, "Stage Option", 0),
        Field(13, "Line\u2028Separator */ \"quote\"", 0, "\"description\": \"<script> & \\n second line\"")));
}
