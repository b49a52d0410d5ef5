// A consumer of the packed Workiom.Client package, written by Workiom.PackageTests into a folder outside the
// repository. It builds with nullable on, warnings as errors and documentation on; when run it checks what the
// generator made from the snapshots in schemas/ and exits with 1 on the first run that finds a mismatch.
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consumer.Lists;
using Workiom;
using Workiom.Queries;

namespace Consumer;

internal static class Program
{
    private static readonly List<string> Failures = [];

    private static int Main()
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        TypedRoundTrip();
        string schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
        var recordTypes = typeof(Program).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(WorkiomRecord)) && !type.IsAbstract)
            .ToDictionary(type => (string)Call(nameof(ListIdOf), [type])!, StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(schemas, "*.json").Order(StringComparer.Ordinal))
        {
            CheckSnapshot(file, recordTypes);
        }

        foreach (string failure in Failures)
        {
            Console.WriteLine("FAIL: " + failure);
        }

        Console.WriteLine(Failures.Count == 0 ? "consumer: all checks passed" : $"consumer: {Failures.Count} check(s) failed");
        return Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Typed values in, Workiom's payload out, and the same values back through the generated reader.</summary>
    private static void TypedRoundTrip()
    {
        var acme = Read<Company>("""
            { "_id": "67691cd5f8193dc8b9430e98", "3416230": "Acme Corp",
              "3416232": { "id": "63474306-7068-4a8a-b4c2-657f69ca4f9f", "label": "Software" }, "3416233": 850 }
            """);
        Check(acme.Id == "67691cd5f8193dc8b9430e98", "company id read");
        Check(acme.CompanyName == "Acme Corp", "company name read");
        Check(acme.Industry == Company.IndustryOption.Software, "company industry read as the known option");
        Check(acme.Employees == 850m, "company employees read");

        var deal = new Deal
        {
            DealName = "Initech \"expansion\" ]]> & 🚀",
            Amount = 45_000.50m,
            Probability = 25m,
            Stage = Deal.StageOption.Qualified,
            Source = Deal.SourceOption.Website,
            Owner = new WorkiomUser(109725, "Fadi Alsayed"),
            ExpectedClose = new DateOnly(2025, 9, 30),
            IsStrategic = false,
            ContactEmail = "it@initech.example",
            NextSteps = { new CheckListItem("Kick-off call") },
        };
        deal.Tags.Add(Deal.TagsOption.Enterprise);
        deal.Tags.Add(Deal.TagsOption.Renewal);
        deal.Company.Add(acme);

        string payload = Write(deal, WorkiomWriteKind.Create);
        Console.WriteLine("create payload: " + payload);
        const string expected = """
            {
              "2014502": "Initech \"expansion\" ]]> & 🚀",
              "2014503": 45000.50,
              "2014504": 25,
              "2014505": { "id": "a2830957-96e5-4709-aca0-df06fa3aafc3", "label": "Qualified" },
              "2014506": { "id": "fcfb04c4-d71d-4770-b370-d13bc472bad0", "label": "Website" },
              "2014507": [ { "id": "345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5", "label": "Enterprise" },
                           { "id": "50809651-e07a-451b-b78f-dae672541529", "label": "Renewal" } ],
              "2014508": [ { "_id": "67691cd5f8193dc8b9430e98", "label": "Acme Corp" } ],
              "2014509": { "id": 109725, "username": "Fadi Alsayed" },
              "2014511": "2025-09-30T00:00:00.000+00:00",
              "2014517": false,
              "2014519": "it@initech.example",
              "2014524": [ { "label": "Kick-off call", "check": false } ]
            }
            """;
        Check(JsonNode.DeepEquals(JsonNode.Parse(payload), JsonNode.Parse(expected)), "the create payload is Workiom's, expected:\n" + expected);

        var back = Read<Deal>(payload);
        Check(back.DealName == deal.DealName, "deal name read back");
        Check(back.Amount == 45_000.50m, "amount read back");
        Check(back.Probability == 25m, "probability read back");
        Check(back.Stage == Deal.StageOption.Qualified, "stage read back");
        Check(back.Source == Deal.SourceOption.Website, "source read back");
        Check(back.Tags.SequenceEqual([Deal.TagsOption.Enterprise, Deal.TagsOption.Renewal]), "tags read back");
        Check(back.Company.Count == 1 && back.Company[0].Id == acme.Id && back.Company[0].Label == "Acme Corp", "company link read back");
        Check(back.Owner?.Id == 109725, "owner read back");
        Check(back.ExpectedClose == new DateOnly(2025, 9, 30), "expected close read back");
        Check(back.IsStrategic == false, "is strategic read back");
        Check(back.NextSteps.Count == 1 && back.NextSteps[0].Label == "Kick-off call", "next steps read back");
        Check(Write(back, WorkiomWriteKind.Create) == payload, "the record read back writes the same payload");

        string query = Deal.Query().Where(d => d.Amount > 50_000m).OrderByDescending(d => d.Amount).ToRequestJson(0, 100);
        Console.WriteLine("query: " + query);
        Check(query.Contains("2014503", StringComparison.Ordinal), "the query names the amount field by id");
    }

    /// <summary>
    /// Checks one snapshot against the type generated from it: the list name, every field name and every option
    /// label and id came through exactly, and a text value in every text field survives a read and a write.
    /// </summary>
    private static void CheckSnapshot(string file, Dictionary<string, Type> recordTypes)
    {
        string fileName = Path.GetFileName(file);
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var list = document.RootElement.TryGetProperty("result", out var result) ? result : document.RootElement;
        string listId = list.GetProperty("id").GetString()!;
        if (!recordTypes.TryGetValue(listId, out var type))
        {
            Failures.Add($"{fileName}: no generated type has the list id {Json(listId)}");
            return;
        }

        string listName = list.GetProperty("name").GetString()!;
        string generatedName = (string)Call(nameof(ListNameOf), [type])!;
        Check(generatedName == listName, $"{fileName}: WorkiomListName is {Json(generatedName)}, the snapshot says {Json(listName)}");

        var snapshotFields = list.GetProperty("fields").EnumerateArray()
            .Where(field => !(field.TryGetProperty("isDeleted", out var deleted) && deleted.ValueKind == JsonValueKind.True))
            .ToList();
        var queryable = type.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWorkiomQueryable<,>));
        object queryFields = Call(nameof(QueryFieldsOf), queryable.GetGenericArguments())!;
        var descriptors = queryFields.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => property.GetValue(queryFields))
            .OfType<IWorkiomField>()
            .ToDictionary(descriptor => descriptor.FieldId);
        int namesChecked = 0;
        var textValues = new JsonObject { ["_id"] = "record-1" };
        foreach (var field in snapshotFields)
        {
            int id = field.GetProperty("id").GetInt32();
            string name = field.GetProperty("name").GetString()!;
            int dataType = field.GetProperty("dataType").GetInt32();
            if (descriptors.TryGetValue(id, out var descriptor))
            {
                // A nameless field is given a stand-in name for messages; any other name must arrive as it is.
                Check(name.Length == 0 ? descriptor.Name.Length > 0 : descriptor.Name == name, $"{fileName}: field {id} is named {Json(descriptor.Name)} in the generated code, the snapshot says {Json(name)}");
                namesChecked++;
            }
            else if (dataType == 0)
            {
                Failures.Add($"{fileName}: the text field {id} ({Json(name)}) has no query descriptor");
            }

            if (dataType == 0)
            {
                // The name doubles as a hostile value: it must come back byte for byte.
                textValues[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = name;
            }
        }

        var snapshotOptions = snapshotFields
            .Where(field => field.TryGetProperty("staticListValues", out var values) && values.ValueKind == JsonValueKind.Array)
            .SelectMany(field => field.GetProperty("staticListValues").EnumerateArray())
            .Select(option => (Id: option.GetProperty("id").GetString()!, Label: option.GetProperty("label").GetString()!))
            .ToList();
        var generatedOptions = type.GetNestedTypes(BindingFlags.Public)
            .Where(nested => nested.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISelectOption<>)))
            .SelectMany(nested => (IEnumerable<SelectOption>)Call(nameof(KnownOptionsOf), [nested])!)
            .Select(option => (option.Id, option.Label))
            .ToList();
        foreach (var option in snapshotOptions.Where(option => !generatedOptions.Contains(option)))
        {
            Failures.Add($"{fileName}: the option {Json(option.Id)} labelled {Json(option.Label)} is not among the generated options");
        }

        Check(generatedOptions.Count == snapshotOptions.Count, $"{fileName}: {generatedOptions.Count} options generated, {snapshotOptions.Count} in the snapshot");

        string payload = textValues.ToJsonString();
        string written = (string)Call(nameof(ReadAndReplace), [type], payload)!;
        var writtenObject = JsonNode.Parse(written)!.AsObject();
        int valuesChecked = 0;
        foreach (var (key, value) in textValues)
        {
            if (key == "_id")
            {
                continue;
            }

            Check(JsonNode.DeepEquals(writtenObject[key], value), $"{fileName}: field {key} was written as {writtenObject[key]?.ToJsonString() ?? "nothing"}, read as {value!.ToJsonString()}");
            valuesChecked++;
        }

        Console.WriteLine($"checked {fileName}: list {Json(listId)} is {type.FullName}; {namesChecked} field names, {generatedOptions.Count} options, {valuesChecked} text values round-tripped");
    }

    private static string ListIdOf<T>() where T : WorkiomRecord, IWorkiomRecord<T> => T.WorkiomListId;

    private static string ListNameOf<T>() where T : WorkiomRecord, IWorkiomRecord<T> => T.WorkiomListName;

    private static TFields QueryFieldsOf<T, TFields>()
        where T : WorkiomRecord, IWorkiomRecord<T>, IWorkiomQueryable<T, TFields>
        where TFields : class => T.QueryFields;

    private static IEnumerable<SelectOption> KnownOptionsOf<TOption>() where TOption : SelectOption, ISelectOption<TOption> => TOption.Known;

    private static string ReadAndReplace<T>(string payload) where T : WorkiomRecord, IWorkiomRecord<T> =>
        Write(Read<T>(payload), WorkiomWriteKind.Replace);

    private static T Read<T>(string json) where T : WorkiomRecord, IWorkiomRecord<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return T.ReadFrom(ref reader);
    }

    private static string Write(WorkiomRecord record, WorkiomWriteKind kind)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            record.WriteTo(writer, kind);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static object? Call(string method, Type[] typeArguments, params object?[] arguments) =>
        typeof(Program).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeArguments)
            .Invoke(null, arguments);

    /// <summary>A name as a JSON string: every character visible in the output, whatever it is.</summary>
    private static string Json(string value) => JsonSerializer.Serialize(value);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            Failures.Add(what);
        }
    }
}
