namespace Workiom.Generators.Parsing;

/// <summary>
/// The list a snapshot document holds, as <see cref="SnapshotParser.FindList"/> finds it: the document
/// (<see cref="Root"/>, which carries the <c>$snapshot</c> header and <c>$csharp</c> names), the list object,
/// its id, its name (its id when it has none) and its fields. Lives only inside a parse; never crosses the pipeline.
/// </summary>
internal sealed class SnapshotList
{
    public SnapshotList(JsonObject root, JsonObject list, string listId, string listName, JsonArray fields)
    {
        Root = root;
        List = list;
        ListId = listId;
        ListName = listName;
        Fields = fields;
    }

    public JsonObject Root { get; }

    public JsonObject List { get; }

    public string ListId { get; }

    public string ListName { get; }

    public JsonArray Fields { get; }
}
