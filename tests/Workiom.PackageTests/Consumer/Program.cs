// A consumer of the packed Workiom.Client package, written by Workiom.PackageTests into a folder outside the
// repository. It builds with nullable on, warnings as errors and documentation on; when run it checks what the
// generator made from the snapshots in schemas/, prints each mismatch and exits with 1 if there is any.
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
    private const int Text = 0, StaticSelect = 4, Status = 16, MultiStaticSelect = 17;

    private static readonly List<string> Failures = [];

    private static int Main()
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        TypedRoundTrip();
        string schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
        var recordTypes = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(WorkiomRecord)) && !type.IsAbstract))
        {
            string listId = (string)Call(nameof(ListIdOf), [type])!;
            if (!recordTypes.TryAdd(listId, type))
            {
                Failures.Add($"{type.FullName} and {recordTypes[listId].FullName} both have the list id {Quote(listId)}");
            }
        }

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
        var idElement = list.GetProperty("id");
        string listId = idElement.ValueKind == JsonValueKind.String ? StringOf(idElement) : idElement.GetRawText();
        if (!recordTypes.TryGetValue(listId, out var type))
        {
            Failures.Add($"{fileName}: no generated type has the list id {Quote(listId)}");
            return;
        }

        // A list without a name is named after its id.
        string listName = list.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String && StringOf(nameElement).Length > 0
            ? StringOf(nameElement)
            : listId;
        string generatedName = (string)Call(nameof(ListNameOf), [type])!;
        Check(generatedName == listName, $"{fileName}: WorkiomListName is {Quote(generatedName)}, the snapshot says {Quote(listName)}");

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
            int id = IdOf(field);
            string name = StringOf(field.GetProperty("name"));
            int dataType = DataTypeOf(field);
            if (descriptors.TryGetValue(id, out var descriptor))
            {
                // A nameless field is given a stand-in name for messages; any other name must arrive as it is.
                Check(name.Length == 0 ? descriptor.Name.Length > 0 : descriptor.Name == name, $"{fileName}: field {id} is named {Quote(descriptor.Name)} in the generated code, the snapshot says {Quote(name)}");
                namesChecked++;
            }
            else if (dataType == Text)
            {
                Failures.Add($"{fileName}: the text field {id} ({Quote(name)}) has no query descriptor");
            }

            if (dataType == Text && IsWellFormed(name))
            {
                // The name doubles as a hostile value: it must come back byte for byte.
                textValues[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = name;
            }
        }

        var snapshotOptions = snapshotFields
            .Where(field => DataTypeOf(field) is StaticSelect or Status or MultiStaticSelect
                && field.TryGetProperty("staticListValues", out var values) && values.ValueKind == JsonValueKind.Array)
            .SelectMany(field => field.GetProperty("staticListValues").EnumerateArray())
            .Select(option => (Id: StringOf(option.GetProperty("id")), Label: StringOf(option.GetProperty("label"))))
            .ToList();
        var generatedOptions = type.GetNestedTypes(BindingFlags.Public)
            .Where(nested => nested.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISelectOption<>)))
            .SelectMany(nested => (IEnumerable<SelectOption>)Call(nameof(KnownOptionsOf), [nested])!)
            .Select(option => (option.Id, option.Label))
            .ToList();
        foreach (var option in snapshotOptions.Where(option => !generatedOptions.Contains(option)))
        {
            Failures.Add($"{fileName}: the option {Quote(option.Id)} labelled {Quote(option.Label)} is not among the generated options");
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

        Console.WriteLine($"checked {fileName}: list {Quote(listId)} is {type.FullName}; {namesChecked} field names, {generatedOptions.Count} options, {valuesChecked} text values round-tripped");
    }

    /// <summary>
    /// A JSON string as the UTF-16 text it escapes, lone surrogates included (which System.Text.Json refuses to
    /// return, but a snapshot may hold and the generated code must keep).
    /// </summary>
    private static string StringOf(JsonElement element)
    {
        string raw = element.GetRawText();
        if (element.ValueKind != JsonValueKind.String || raw.Length < 2)
        {
            throw new InvalidDataException("Expected a JSON string, found " + raw);
        }

        var text = new StringBuilder(raw.Length);
        for (int i = 1; i < raw.Length - 1; i++)
        {
            char c = raw[i];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            char escape = raw[++i];
            switch (escape)
            {
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    text.Append((char)int.Parse(raw.AsSpan(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: text.Append(escape); break;
            }
        }

        return text.ToString();
    }

    /// <summary>The field id, sent as a number or as a string of digits.</summary>
    private static int IdOf(JsonElement field)
    {
        var id = field.GetProperty("id");
        return id.ValueKind == JsonValueKind.String
            ? int.Parse(id.GetString()!, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture)
            : id.GetInt32();
    }

    /// <summary>The field's dataType, or -1 when it is missing or no int (the generator keeps such a field as raw JSON).</summary>
    private static int DataTypeOf(JsonElement field) =>
        field.TryGetProperty("dataType", out var dataType) && dataType.ValueKind == JsonValueKind.Number && dataType.TryGetInt32(out int value) ? value : -1;

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

    /// <summary>
    /// A name as a quoted string for the output: printable ASCII as it is, everything else as a \uXXXX escape,
    /// so every character is visible and none (a lone surrogate, a right-to-left override) can garble the log.
    /// </summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                quoted.Append(c);
            }
            else
            {
                quoted.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>Whether every surrogate in <paramref name="value"/> is half of a pair (only such text can be written as JSON).</summary>
    private static bool IsWellFormed(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            Failures.Add(what);
        }
    }
}
