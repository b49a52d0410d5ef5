using System.Collections.Frozen;
using System.Globalization;
using Workiom.Serialization;

namespace Workiom.Schema;

/// <summary>
/// The ids (and names) one list has in another environment (a tenant the same lists were installed
/// into), matched at build time. A record in memory always speaks the primary ids; a client whose
/// <c>WorkiomClientOptions.Environment</c> names this environment translates them at the
/// boundary: reads map these ids to the primary ones, writes and queries the primary ones to these.
/// </summary>
public sealed class WorkiomListEnvironment
{
    private readonly FrozenDictionary<int, int> _fieldToPrimary;
    private readonly FrozenDictionary<int, int> _fieldFromPrimary;
    private readonly FrozenDictionary<int, FrozenDictionary<string, string>> _optionsToPrimary;
    private readonly FrozenDictionary<int, FrozenDictionary<string, string>> _optionsFromPrimary;
    private readonly FrozenDictionary<int, int> _viewFromPrimary;
    private Tuple<WorkiomFieldKey[], WorkiomFieldKey[]>? _keys;

    /// <summary>A list's ids in an environment.</summary>
    /// <param name="name">The environment name.</param>
    /// <param name="listId">The list's id there.</param>
    /// <param name="listName">The list's name there.</param>
    /// <param name="appId">The id of the list's app there, when known.</param>
    /// <param name="schema">The list's primary schema (the record type's <c>WorkiomSchema</c>).</param>
    /// <param name="fields">The matched fields: primary id, id there, name there.</param>
    /// <param name="options">The matched options: primary field id, primary option id, option id there.</param>
    /// <param name="views">The matched views: primary id, id there.</param>
    /// <exception cref="ArgumentException">An id is matched twice (either way).</exception>
    public WorkiomListEnvironment(
        string name,
        string listId,
        string listName,
        string? appId,
        WorkiomListSchema schema,
        IReadOnlyList<(int Id, int EnvironmentId, string EnvironmentName)> fields,
        IReadOnlyList<(int FieldId, string OptionId, string EnvironmentOptionId)> options,
        IReadOnlyList<(int ViewId, int EnvironmentViewId)> views)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(listId);
        ArgumentNullException.ThrowIfNull(listName);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(views);
        Name = name;
        ListId = listId;
        ListName = listName;
        AppId = appId;
        Schema = schema;
        Fields = fields;
        Options = options;
        Views = views;

        var toPrimary = new Dictionary<int, int>(fields.Count);
        var fromPrimary = new Dictionary<int, int>(fields.Count);
        foreach (var (id, environmentId, _) in fields)
        {
            if (!fromPrimary.TryAdd(id, environmentId) || !toPrimary.TryAdd(environmentId, id))
            {
                throw new ArgumentException(
                    "The environment " + name + " of the list " + schema.ListId + " matches the field " + Text(id) + " or " + Text(environmentId) + " twice.",
                    nameof(fields));
            }
        }

        var optionsTo = new Dictionary<int, Dictionary<string, string>>();
        var optionsFrom = new Dictionary<int, Dictionary<string, string>>();
        foreach (var (fieldId, optionId, environmentOptionId) in options)
        {
            ArgumentNullException.ThrowIfNull(optionId, nameof(options));
            ArgumentNullException.ThrowIfNull(environmentOptionId, nameof(options));
            if (!Lookup(optionsFrom, fieldId).TryAdd(optionId, environmentOptionId) || !Lookup(optionsTo, fieldId).TryAdd(environmentOptionId, optionId))
            {
                throw new ArgumentException(
                    "The environment " + name + " of the list " + schema.ListId + " matches an option of the field " + Text(fieldId) + " twice.",
                    nameof(options));
            }
        }

        var viewsFrom = new Dictionary<int, int>(views.Count);
        var viewsTo = new HashSet<int>();
        foreach (var (viewId, environmentViewId) in views)
        {
            if (!viewsFrom.TryAdd(viewId, environmentViewId) || !viewsTo.Add(environmentViewId))
            {
                throw new ArgumentException(
                    "The environment " + name + " of the list " + schema.ListId + " matches the view " + Text(viewId) + " or " + Text(environmentViewId) + " twice.",
                    nameof(views));
            }
        }

        _fieldToPrimary = toPrimary.ToFrozenDictionary();
        _fieldFromPrimary = fromPrimary.ToFrozenDictionary();
        _optionsToPrimary = optionsTo.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal));
        _optionsFromPrimary = optionsFrom.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal));
        _viewFromPrimary = viewsFrom.ToFrozenDictionary();

        // Made once per list and environment by the record type's static table: found again from the
        // schema by the schema check, which is handed schemas, not record types.
        lock (ByPrimarySchema)
        {
            ByPrimarySchema.GetOrCreateValue(schema).Add(this);
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkiomListSchema, List<WorkiomListEnvironment>> ByPrimarySchema = new();

    /// <summary>
    /// The environment of this name made for <paramref name="schema"/> (case-insensitive), or null. A record type
    /// makes its environments on first use: when none is known yet, the generated list whose schema this is
    /// (among the loaded assemblies) is asked for them.
    /// </summary>
    internal static WorkiomListEnvironment? Find(WorkiomListSchema schema, string name) =>
        FindKnown(schema, name) ?? (LoadEnvironments(list => ReferenceEquals(list.Schema, schema)) ? FindKnown(schema, name) : null);

    /// <summary>
    /// Makes the environments of the generated lists <paramref name="match"/> selects, among the loaded assemblies:
    /// each list's generated <see cref="WorkiomGeneratedList.Environments"/> builds its record type's table, which
    /// registers every environment by its primary schema. False when no generated list matched.
    /// </summary>
    private static bool LoadEnvironments(Func<WorkiomGeneratedList, bool> match)
    {
        bool found = false;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            foreach (var list in WorkiomGeneratedList.ListsIn(assembly))
            {
                if (match(list))
                {
                    _ = list.Environments;
                    found = true;
                }
            }
        }

        return found;
    }

    private static WorkiomListEnvironment? FindKnown(WorkiomListSchema schema, string name)
    {
        lock (ByPrimarySchema)
        {
            if (ByPrimarySchema.TryGetValue(schema, out var environments))
            {
                foreach (var environment in environments)
                {
                    if (string.Equals(environment.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return environment;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The id in the environment <paramref name="name"/> of the list whose primary id is <paramref name="primaryListId"/>, when known.</summary>
    internal static string? ListIdIn(string primaryListId, string name) =>
        KnownListIdIn(primaryListId, name)
        ?? (LoadEnvironments(list => string.Equals(list.Schema.ListId, primaryListId, StringComparison.Ordinal)) ? KnownListIdIn(primaryListId, name) : null);

    private static string? KnownListIdIn(string primaryListId, string name)
    {
        lock (ByPrimarySchema)
        {
            foreach (var (primary, environments) in ByPrimarySchema)
            {
                if (!string.Equals(primary.ListId, primaryListId, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var environment in environments)
                {
                    if (string.Equals(environment.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return environment.ListId;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The list as this environment should have it, for the schema check: its id and name here, the matched
    /// fields with their ids, names and options here (unmatched ones left out: the build already reported
    /// them), link targets by their ids here, and the matched views.
    /// </summary>
    internal WorkiomListSchema ExpectedSchema()
    {
        var fields = new List<WorkiomFieldSchema>();
        var names = new Dictionary<int, (int Id, string Name)>();
        foreach (var (id, environmentId, environmentName) in Fields)
        {
            names[id] = (environmentId, environmentName);
        }

        foreach (var field in Schema.Fields)
        {
            if (!names.TryGetValue(field.Id, out var there))
            {
                continue;
            }

            var options = new List<string>();
            foreach (var option in field.Options)
            {
                if (TryGetOptionId(field.Id, option.Id, out var optionId))
                {
                    options.Add(optionId);
                    options.Add(option.Label);
                }
            }

            string? linked = field.LinkedListId is { } target ? ListIdIn(target, Name) ?? target : null;
            fields.Add(new WorkiomFieldSchema(there.Id, there.Name, field.DataType, field.Flags, linked, options.ToArray(), field.SystemField));
        }

        var views = new List<WorkiomViewSchema>();
        foreach (var view in Schema.Views)
        {
            if (TryGetViewId(view.Id, out int viewId))
            {
                views.Add(new WorkiomViewSchema(viewId, view.Name));
            }
        }

        return new WorkiomListSchema(ListId, ListName, fields, views);
    }

    /// <summary>The environment name.</summary>
    public string Name { get; }

    /// <summary>The list's id in this environment.</summary>
    public string ListId { get; }

    /// <summary>The list's name in this environment.</summary>
    public string ListName { get; }

    /// <summary>The id of the list's app in this environment, when known.</summary>
    public string? AppId { get; }

    /// <summary>The list's primary schema.</summary>
    public WorkiomListSchema Schema { get; }

    /// <summary>The matched fields: primary id, id in this environment, name in this environment.</summary>
    public IReadOnlyList<(int Id, int EnvironmentId, string EnvironmentName)> Fields { get; }

    /// <summary>The matched options: primary field id, primary option id, option id in this environment.</summary>
    public IReadOnlyList<(int FieldId, string OptionId, string EnvironmentOptionId)> Options { get; }

    /// <summary>The matched views: primary id, id in this environment.</summary>
    public IReadOnlyList<(int ViewId, int EnvironmentViewId)> Views { get; }

    /// <summary>The primary id of the field with this id in this environment.</summary>
    /// <param name="environmentFieldId">The field's id in this environment.</param>
    /// <param name="fieldId">The primary field id.</param>
    /// <returns>False when no primary field matches it.</returns>
    public bool TryGetPrimaryFieldId(int environmentFieldId, out int fieldId) => _fieldToPrimary.TryGetValue(environmentFieldId, out fieldId);

    /// <summary>The id in this environment of a primary field.</summary>
    /// <param name="fieldId">The primary field id.</param>
    /// <param name="environmentFieldId">The field's id in this environment.</param>
    /// <returns>False when the field has no match in this environment.</returns>
    public bool TryGetFieldId(int fieldId, out int environmentFieldId) => _fieldFromPrimary.TryGetValue(fieldId, out environmentFieldId);

    /// <summary>The id in this environment of a primary option.</summary>
    /// <param name="fieldId">The primary field id.</param>
    /// <param name="optionId">The primary option id.</param>
    /// <param name="environmentOptionId">The option's id in this environment.</param>
    /// <returns>False when the option has no match in this environment.</returns>
    public bool TryGetOptionId(int fieldId, string optionId, out string environmentOptionId)
    {
        ArgumentNullException.ThrowIfNull(optionId);
        if (_optionsFromPrimary.TryGetValue(fieldId, out var byId) && byId.TryGetValue(optionId, out var found))
        {
            environmentOptionId = found;
            return true;
        }

        environmentOptionId = string.Empty;
        return false;
    }

    /// <summary>The primary id of an option with this id in this environment.</summary>
    /// <param name="fieldId">The primary field id.</param>
    /// <param name="environmentOptionId">The option's id in this environment.</param>
    /// <param name="optionId">The primary option id.</param>
    /// <returns>False when no primary option matches it.</returns>
    public bool TryGetPrimaryOptionId(int fieldId, string environmentOptionId, out string optionId)
    {
        ArgumentNullException.ThrowIfNull(environmentOptionId);
        if (_optionsToPrimary.TryGetValue(fieldId, out var byId) && byId.TryGetValue(environmentOptionId, out var found))
        {
            optionId = found;
            return true;
        }

        optionId = string.Empty;
        return false;
    }

    /// <summary>The id in this environment of a primary view.</summary>
    /// <param name="viewId">The primary view id.</param>
    /// <param name="environmentViewId">The view's id in this environment.</param>
    /// <returns>False when the view has no match in this environment.</returns>
    public bool TryGetViewId(int viewId, out int environmentViewId) => _viewFromPrimary.TryGetValue(viewId, out environmentViewId);

    /// <inheritdoc/>
    public override string ToString() => "WorkiomListEnvironment { Name = " + Name + ", ListId = " + ListId + ", Fields = " + Text(Fields.Count) + " }";

    /// <summary>The options of a primary field: this environment's ids by primary id (null when none match).</summary>
    internal FrozenDictionary<string, string>? OptionsFromPrimary(int fieldId) => _optionsFromPrimary.GetValueOrDefault(fieldId);

    /// <summary>The options of a primary field: primary ids by this environment's id (null when none match).</summary>
    internal FrozenDictionary<string, string>? OptionsToPrimary(int fieldId) => _optionsToPrimary.GetValueOrDefault(fieldId);

    /// <summary>
    /// The writer's keys in this environment for a record type's primary keys (the same order): a matched
    /// field's key names its id here; an unmatched one refuses a value and leaves an empty one out.
    /// Built once per list.
    /// </summary>
    internal WorkiomFieldKey[] KeysFor(WorkiomFieldKey[] primaryKeys)
    {
        var cached = _keys;
        if (cached is not null && ReferenceEquals(cached.Item1, primaryKeys))
        {
            return cached.Item2;
        }

        var keys = new WorkiomFieldKey[primaryKeys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = WorkiomFieldKey.InEnvironment(primaryKeys[i], this);
        }

        _keys = Tuple.Create(primaryKeys, keys);
        return keys;
    }

    /// <summary>The field's name in the primary schema, for messages.</summary>
    internal string FieldName(int fieldId)
    {
        foreach (var field in Schema.Fields)
        {
            if (field.Id == fieldId)
            {
                return field.Name;
            }
        }

        return Text(fieldId);
    }

    private static Dictionary<string, string> Lookup(Dictionary<int, Dictionary<string, string>> byField, int fieldId)
    {
        if (!byField.TryGetValue(fieldId, out var byId))
        {
            byId = new Dictionary<string, string>(StringComparer.Ordinal);
            byField.Add(fieldId, byId);
        }

        return byId;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
