using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Model;
using Workiom.Generators.Naming;

namespace Workiom.Generators.Parsing;

/// <summary>
/// Reads one <c>Lists/Get</c> snapshot into a <see cref="ListSpec"/>. Never throws on bad input:
/// every problem becomes a located diagnostic, and whatever can still be generated is.
/// </summary>
internal sealed class SnapshotParser
{
    /// <summary>The properties of a field that <see cref="ReadField"/> reads, found in one pass over the field.</summary>
    private static readonly string[] FieldKeys =
    {
        "name", "id", "dataType", "systemFieldType", "isComputed", "staticListValues", "description",
        "allowMultiple", "isPrimary", "isRequired", "isDeleted", "dateType", "linkedListId",
    };

    private const int FieldName = 0, FieldId = 1, FieldDataType = 2, FieldSystemFieldType = 3, FieldIsComputed = 4,
        FieldStaticListValues = 5, FieldDescription = 6, FieldAllowMultiple = 7, FieldIsPrimary = 8, FieldIsRequired = 9,
        FieldIsDeleted = 10, FieldDateType = 11, FieldLinkedListId = 12;

    /// <summary>The properties of an option of <c>staticListValues</c>.</summary>
    private static readonly string[] OptionKeys = { "id", "label", "order", "color", "isClosed" };

    private const int OptionId = 0, OptionLabel = 1, OptionOrder = 2, OptionColor = 3, OptionIsClosed = 4;

    /// <summary>The properties of a saved view of <c>views</c>.</summary>
    private static readonly string[] ViewKeys = { "id", "name", "viewType", "isDefault" };

    private const int ViewId = 0, ViewName = 1, ViewType = 2, ViewIsDefault = 3;

    private readonly SnapshotInput _input;
    private readonly DiagnosticSink _sink;
    private readonly JsonNode?[] _fieldValues = new JsonNode?[FieldKeys.Length];
    private readonly JsonNode?[] _optionValues = new JsonNode?[OptionKeys.Length];

    /// <summary>Where the list's C# name comes from (its type name override, else its name), for diagnostics about that name.</summary>
    private SnapshotSpan? _nameSpan;

    private SnapshotParser(SnapshotInput input, DiagnosticSink sink)
    {
        _input = input;
        _sink = sink;
    }

    public static ParseResult Parse(SnapshotInput input, CancellationToken cancellationToken)
    {
        var sink = new DiagnosticSink(input.Path, input.Text);
        var parser = new SnapshotParser(input, sink);
        var list = parser.ParseList(cancellationToken);
        return new ParseResult(input.Path, list, sink.ToEquatableArray(), list is null ? null : parser._nameSpan);
    }

    /// <summary>
    /// The list a parsed snapshot holds: the document itself, or its <c>result</c> (a saved <c>Lists/Get</c>
    /// reply). Null when the document holds no usable list, with why reported to <paramref name="sink"/>.
    /// The one place that decides what a snapshot's list is, for the generator and for the checks alike.
    /// </summary>
    public static SnapshotList? FindList(JsonNode root, DiagnosticSink sink)
    {
        if (root is not JsonObject rootObject)
        {
            Report(sink, DiagnosticDescriptors.NotAListDocument, root, "the document is " + root.KindName + ", not an object");
            return null;
        }

        var list = rootObject;
        if (rootObject.Find("result") is { } result)
        {
            if (result.Value is JsonObject resultObject)
            {
                list = resultObject;
            }
            else
            {
                string why = rootObject.Get("error") is JsonObject error && error.Get("message") is JsonString message
                    ? "it is an error reply from Workiom (\"" + message.Value + "\")"
                    : "its 'result' is " + result.Value.KindName + ", not a list";
                Report(sink, DiagnosticDescriptors.NotAListDocument, result.Value, why);
                return null;
            }
        }

        var idNode = list.Get("id");
        var fieldsNode = list.Get("fields");
        if (fieldsNode is null && idNode is null)
        {
            Report(sink, DiagnosticDescriptors.NotAListDocument, list, "it has neither a list 'id' nor 'fields'");
            return null;
        }

        string? listId = ReadId(idNode);
        if (listId is null)
        {
            Report(sink, DiagnosticDescriptors.MissingListProperty, (JsonNode?)list.Find("id")?.Value ?? list, "id",
                idNode is null ? "the list id is missing" : "the list id must be a string or a number");
            return null;
        }

        if (fieldsNode is not JsonArray fields)
        {
            Report(sink, DiagnosticDescriptors.MissingListProperty, (JsonNode?)list.Find("fields")?.Value ?? list, "fields",
                fieldsNode is null
                    ? "the snapshot has no 'fields'; pull it with expand=Fields"
                    : "'fields' must be an array");
            return null;
        }

        string listName = list.Get("name") is JsonString { Value.Length: > 0 } nameNode ? nameNode.Value : listId;
        return new SnapshotList(rootObject, list, listId, listName, fields);
    }

    /// <summary>
    /// The fields of a list that the generator generates, deleted ones included, read by the same rules:
    /// a field skipped for a bad id, a malformed shape or a repeated id is not among them. For the checks
    /// that look at a snapshot without generating it, so they never speak of a field that does not exist.
    /// </summary>
    public static List<RawField> ReadFields(string text, JsonArray fieldsArray, CancellationToken cancellationToken)
    {
        var parser = new SnapshotParser(new SnapshotInput(string.Empty, text, null, null, string.Empty), DiagnosticSink.Discarding());
        var fields = parser.ReadAllFields(fieldsArray, string.Empty, out var deletedFields, cancellationToken);
        fields.AddRange(deletedFields);
        return fields;
    }

    private ListSpec? ParseList(CancellationToken cancellationToken)
    {
        var root = JsonParser.Parse(_input.Text, out string? syntaxError, out int errorPosition);
        if (root is null)
        {
            _sink.Report(DiagnosticDescriptors.InvalidJson, errorPosition, errorPosition, syntaxError!);
            return null;
        }

        if (FindList(root, _sink) is not { } snapshot)
        {
            return null;
        }

        var list = snapshot.List;
        string listId = snapshot.ListId;
        string listName = snapshot.ListName;
        string? description = list.Get("description") is JsonString descriptionNode && descriptionNode.Value.Length > 0 ? descriptionNode.Value : null;
        var customisation = (snapshot.Root.Get("$csharp") ?? list.Get("$csharp")) as JsonObject;

        string @namespace = ResolveNamespace(customisation);
        string typeName = ResolveTypeName(listName, listId, list, customisation);

        var fields = ReadAllFields(snapshot.Fields, listName, out var deletedFields, cancellationToken);

        var overrides = ReadNameOverrides(customisation);
        var names = new MemberNamer(typeName);
        var specs = names.Resolve(fields, overrides, _sink);

        // Deleted fields are named after the live ones, so a deleted field never takes a live field's name;
        // their members stay (marked obsolete) so code that still uses them compiles with a warning.
        specs.AddRange(names.Resolve(deletedFields, overrides, _sink));

        // Views are named after every field, so a view never takes a name a field's member already has.
        var rawViews = ReadViews(list, listName, out var schemaViews, cancellationToken);
        var (viewsTypeName, views) = names.ResolveViews(rawViews, listName, Span((JsonNode?)list.Find("views")?.Value ?? list), _sink);

        // The repository entry point reads as the list does: client.Deals() for the list "Deals".
        string entryPoint = IdentifierNames.FromName(listName, typeName, out _);
        if (entryPoint == typeName + "WorkiomClientExtensions")
        {
            entryPoint = typeName;
        }

        string? appId = ReadId(list.Get("appId")) is { Length: > 0 } app ? app : null;
        return new ListSpec(listId, listName, description, @namespace, typeName, entryPoint, _input.Path, specs.ToEquatableArray(), views, viewsTypeName, schemaViews, appId);
    }

    /// <summary>
    /// Reads every field: the ones to generate, in snapshot order, with the deleted ones apart. A field
    /// that cannot be read or repeats an earlier id is reported once and left out.
    /// </summary>
    private List<RawField> ReadAllFields(JsonArray fieldsArray, string listName, out List<RawField> deletedFields, CancellationToken cancellationToken)
    {
        var fields = new List<RawField>(fieldsArray.Items.Length);
        deletedFields = new List<RawField>();
        var seenIds = new Dictionary<int, string>(fieldsArray.Items.Length);
        foreach (var item in fieldsArray.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ReadField(item, listName) is not { } raw)
            {
                continue;
            }

            var field = raw.Field;
            if (seenIds.TryGetValue(field.Id, out string? firstName))
            {
                _sink.Report(DiagnosticDescriptors.DuplicateFieldId, raw.IdSpan, field.Id.ToString(CultureInfo.InvariantCulture), listName, firstName);
                continue;
            }

            seenIds.Add(field.Id, field.Name);
            (field.IsDeleted ? deletedFields : fields).Add(raw);
        }

        return fields;
    }

    /// <summary>
    /// Reads the saved views (<c>expand=Views</c>), in snapshot order, in one pass: the ones to generate, and
    /// <paramref name="schemaViews"/>, the ids and names the schema table for the runtime check records.
    /// A snapshot without <c>views</c> has none. An entry that cannot be read or repeats an earlier id is
    /// reported (WKM0013) and not generated; the schema table keeps every view with a whole-number id
    /// (the first of a repeated one), as the snapshot names it.
    /// </summary>
    private List<RawView> ReadViews(JsonObject list, string listName, out EquatableArray<ViewSchemaSpec> schemaViews, CancellationToken cancellationToken)
    {
        var views = new List<RawView>();
        schemaViews = EquatableArray<ViewSchemaSpec>.Empty;
        var node = list.Get("views");
        if (node is null or JsonNull)
        {
            return views;
        }

        if (node is not JsonArray array)
        {
            Report(DiagnosticDescriptors.MalformedView, node, listName, "'views' is " + node.KindName + ", not an array");
            return views;
        }

        var schema = new List<ViewSchemaSpec>(array.Items.Length);
        var seen = new HashSet<int>();
        var values = new JsonNode?[ViewKeys.Length];
        foreach (var item in array.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item is not JsonObject view)
            {
                Report(DiagnosticDescriptors.MalformedView, item, listName, "it is " + item.KindName + ", not an object");
                continue;
            }

            view.GetAll(ViewKeys, values);
            string name = values[ViewName] is JsonString nameNode ? nameNode.Value : string.Empty;
            if (values[ViewId] is not { } idNode || !TryReadInt(idNode, out int id))
            {
                Report(DiagnosticDescriptors.MalformedView, (JsonNode?)values[ViewId] ?? view, listName,
                    "view '" + name + "' has " + (values[ViewId] is null ? "no 'id'" : "an 'id' that is not a whole number above 0"));
                continue;
            }

            bool first = seen.Add(id);
            if (first)
            {
                schema.Add(new ViewSchemaSpec(id, name));
            }

            if (id <= 0)
            {
                Report(DiagnosticDescriptors.MalformedView, idNode, listName, "view '" + name + "' has an 'id' that is not a whole number above 0");
                continue;
            }

            if (!first)
            {
                Report(DiagnosticDescriptors.MalformedView, idNode, listName,
                    "view id " + id.ToString(CultureInfo.InvariantCulture) + " appears more than once; only the first is generated");
                continue;
            }

            var spec = new ViewSpec(
                id,
                name.Length == 0 ? "View " + id.ToString(CultureInfo.InvariantCulture) : name,
                values[ViewType] is { } typeNode && TryReadInt(typeNode, out int viewType) ? viewType : 0,
                IsTrue(values[ViewIsDefault]),
                string.Empty);
            views.Add(new RawView(spec, Span(values[ViewName] ?? view)));
        }

        schemaViews = schema.ToEquatableArray();
        return views;
    }

    private string ResolveNamespace(JsonObject? customisation)
    {
        string? requested = _input.NamespaceOverride;
        JsonNode? node = null;
        if (string.IsNullOrWhiteSpace(requested) && customisation?.Get("namespace") is JsonString fromFile)
        {
            requested = fromFile.Value;
            node = fromFile;
        }

        if (string.IsNullOrWhiteSpace(requested))
        {
            return _input.DefaultNamespace;
        }

        requested = requested!.Trim();
        if (IdentifierNames.NamespaceProblem(requested) is not { } problem)
        {
            return requested;
        }

        Report(DiagnosticDescriptors.InvalidNameOverride, node, requested, "the namespace", problem, _input.DefaultNamespace);
        return _input.DefaultNamespace;
    }

    private string ResolveTypeName(string listName, string listId, JsonObject list, JsonObject? customisation)
    {
        string fallback = "List" + IdentifierNames.ToPascalCase(listId);
        string derived = IdentifierNames.FromName(listName, fallback, out string? why);
        if (IdentifierNames.Shorten(derived, IdentifierNames.MaxTypeNameLength) is { } shortened)
        {
            why = "a type name is at most " + IdentifierNames.MaxTypeNameLength.ToString(CultureInfo.InvariantCulture) + " characters long";
            derived = shortened;
        }

        derived = IdentifierNames.Singularize(derived);
        if (MemberNamer.IsReservedTypeName(derived))
        {
            why = "every record already has a member '" + derived + "'";
            derived += "Record";
        }

        JsonNode nameNode = list.Find("name")?.Value ?? list;
        if (why is not null)
        {
            Report(DiagnosticDescriptors.IdentifierRenamed, nameNode, listName, "list " + listId, derived, why);
        }

        _nameSpan = _sink.Locate(Span(nameNode));
        string? requested = _input.TypeNameOverride;
        JsonNode? node = null;
        if (string.IsNullOrWhiteSpace(requested) && customisation?.Get("typeName") is JsonString fromFile)
        {
            requested = fromFile.Value;
            node = fromFile;
        }

        if (string.IsNullOrWhiteSpace(requested))
        {
            return derived;
        }

        requested = requested!.Trim();
        string? problem = IdentifierNames.TypeNameProblem(requested)
            ?? (MemberNamer.IsReservedTypeName(requested) ? "every record already has a member of that name" : null);
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.InvalidNameOverride, node, requested, "the type of list '" + listName + "'", problem, derived);
            return derived;
        }

        if (node is not null)
        {
            _nameSpan = _sink.Locate(Span(node));
        }

        return requested;
    }

    private Dictionary<int, (string Name, TextSpan Span)> ReadNameOverrides(JsonObject? customisation)
    {
        var overrides = new Dictionary<int, (string, TextSpan)>();
        if (customisation?.Get("names") is not JsonObject names)
        {
            return overrides;
        }

        foreach (var property in names.Properties)
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int fieldId))
            {
                _sink.Report(DiagnosticDescriptors.InvalidNameOverride, property.NameStart, property.NameEnd, property.Name, "a field",
                    "names are keyed by field id, and '" + property.Name + "' is not one", "the derived name");
                continue;
            }

            if (property.Value is JsonString name)
            {
                overrides[fieldId] = (name.Value, Span(name));
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidNameOverride, property.Value, property.Value.KindName, "field " + fieldId, "the name must be a string", "the derived name");
            }
        }

        return overrides;
    }

    private RawField? ReadField(JsonNode item, string listName)
    {
        if (item is not JsonObject field)
        {
            Report(DiagnosticDescriptors.MalformedField, item, listName, "it is " + item.KindName + ", not an object");
            return null;
        }

        var values = _fieldValues;
        field.GetAll(FieldKeys, values);
        string name = values[FieldName] is JsonString nameNode ? nameNode.Value : string.Empty;
        var idNode = values[FieldId];
        if (idNode is null)
        {
            Report(DiagnosticDescriptors.FieldIdNotNumber, field, name, "(missing)");
            return null;
        }

        if (!TryReadInt(idNode, out int id) || id <= 0)
        {
            Report(DiagnosticDescriptors.FieldIdNotNumber, idNode, name, Excerpt(_input.Text.Substring(idNode.Start, idNode.End - idNode.Start)));
            return null;
        }

        if (name.Length == 0)
        {
            name = "Field " + id.ToString(CultureInfo.InvariantCulture);
        }

        var dataTypeNode = values[FieldDataType];
        if (dataTypeNode is null || !TryReadInt(dataTypeNode, out int dataTypeNumber))
        {
            string what = dataTypeNode is null ? "no 'dataType'"
                : dataTypeNode is JsonNumber ? "a 'dataType' that is not a whole number between " + int.MinValue.ToString(CultureInfo.InvariantCulture) + " and " + int.MaxValue.ToString(CultureInfo.InvariantCulture)
                : "a 'dataType' that is not a whole number";
            Report(DiagnosticDescriptors.MalformedField, (JsonNode?)dataTypeNode ?? field, listName,
                "field '" + name + "' (" + id.ToString(CultureInfo.InvariantCulture) + ") has " + what);
            return null;
        }

        // The field's kind is decided here, once: a data type this generator does not know keeps its number.
        var dataType = (DataType)dataTypeNumber;
        if (!dataType.IsKnown())
        {
            Report(DiagnosticDescriptors.UnknownDataType, dataTypeNode, name, id.ToString(CultureInfo.InvariantCulture), dataTypeNumber.ToString(CultureInfo.InvariantCulture));
        }

        int systemFieldType = values[FieldSystemFieldType] is { } systemNode && TryReadInt(systemNode, out int system) ? system : 0;
        bool isComputed = IsTrue(values[FieldIsComputed]);
        string readOnlyReason = systemFieldType != 0 ? "a system field"
            : dataType switch
            {
                DataType.Rollup => "a Rollup",
                DataType.Count => "a Count",
                DataType.AutoNumber => "an AutoNumber",
                _ => isComputed ? "computed by Workiom" : string.Empty,
            };

        // Only a field with options has a use for them (see MemberNamer): the others' are not read.
        var options = new List<OptionSpec>();
        if (dataType.HasOptions() && values[FieldStaticListValues] is JsonArray optionArray)
        {
            options.Capacity = optionArray.Items.Length;
            var optionValues = _optionValues;
            foreach (var value in optionArray.Items)
            {
                if (value is not JsonObject option)
                {
                    continue;
                }

                option.GetAll(OptionKeys, optionValues);
                if (ReadId(optionValues[OptionId]) is { } optionId)
                {
                    string label = optionValues[OptionLabel] is JsonString labelNode ? labelNode.Value : optionId;
                    int? order = optionValues[OptionOrder] is { } orderNode && TryReadInt(orderNode, out int o) ? o : null;
                    string? color = optionValues[OptionColor] is JsonString colorNode ? colorNode.Value : null;
                    bool? isClosed = optionValues[OptionIsClosed] is JsonBoolean closedNode ? closedNode.Value : null;
                    options.Add(new OptionSpec(optionId, label, order, color, isClosed, string.Empty));
                }
            }
        }

        var dateKind = values[FieldDateType] is { } dateTypeNode && TryReadInt(dateTypeNode, out int dateType) && dateType == 0
            ? DateKind.DateOnly
            : DateKind.DateAndTime;
        var linkedListIdNode = values[FieldLinkedListId];
        var spec = new FieldSpec(
            id,
            name,
            values[FieldDescription] is JsonString { Value.Length: > 0 } description ? description.Value : null,
            dataType,
            IsTrue(values[FieldAllowMultiple]),
            IsTrue(values[FieldIsPrimary]),
            IsTrue(values[FieldIsRequired]),
            readOnlyReason.Length > 0,
            readOnlyReason,
            dateKind,
            ReadId(linkedListIdNode),
            PropertyName: string.Empty,
            OptionTypeName: null,
            Options: EquatableArray<OptionSpec>.Empty,
            IsTrue(values[FieldIsDeleted]),
            isComputed,
            systemFieldType);
        return new RawField(spec, options, Span(idNode), Span(values[FieldName] ?? field), linkedListIdNode is null ? null : Span(linkedListIdNode));
    }

    private void Report(DiagnosticDescriptor descriptor, JsonNode? node, params string[] args) => Report(_sink, descriptor, node, args);

    private static void Report(DiagnosticSink sink, DiagnosticDescriptor descriptor, JsonNode? node, params string[] args)
    {
        if (node is null)
        {
            sink.Report(descriptor, 0, 0, args);
        }
        else
        {
            sink.Report(descriptor, node.Start, node.End, args);
        }
    }

    private static TextSpan Span(JsonNode node) => TextSpan.FromBounds(node.Start, node.End);

    private static string? ReadId(JsonNode? node) => node switch
    {
        JsonString { Value.Length: > 0 } text => text.Value,
        JsonNumber number => number.Text,
        _ => null,
    };

    private static bool TryReadInt(JsonNode node, out int value)
    {
        if (node is JsonNumber number)
        {
            return number.TryGetInt32(out value);
        }

        value = 0;
        return node is JsonString str && int.TryParse(str.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsTrue(JsonNode? node) => node is JsonBoolean { Value: true };

    private static string Excerpt(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
}
