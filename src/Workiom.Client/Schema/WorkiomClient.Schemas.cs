using System.Reflection;
using System.Text.Json;
using Workiom.Schema;

namespace Workiom.Http;

public sealed partial class WorkiomClient
{
    /// <summary>
    /// Compares the lists generated in the app's entry assembly with the live lists in Workiom
    /// (<see cref="CheckSchemasAsync(IEnumerable{WorkiomListSchema}, CancellationToken)"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The drift of each list.</returns>
    /// <exception cref="InvalidOperationException">The entry assembly has no generated lists.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in a required first parameter, so no call is ambiguous; every async method takes an optional token by .NET convention.")]
    public Task<WorkiomSchemaReport> CheckSchemasAsync(CancellationToken cancellationToken = default)
    {
        var entry = Assembly.GetEntryAssembly();
        var lists = entry is null ? Array.Empty<WorkiomListSchema>() : WorkiomGeneratedList.Of(entry);
        if (lists.Count == 0)
        {
            throw new InvalidOperationException(
                "The entry assembly has no generated Workiom lists; pass the lists to check (Deal.WorkiomSchema, or WorkiomGeneratedList.Of(assembly)).");
        }

        return CheckSchemasAsync(lists, cancellationToken);
    }

    /// <summary>
    /// Fetches each list's <c>Lists/Get</c> (with fields, system fields, views and filters) and compares it
    /// with the schema its type was generated from, by the classification <c>workiom schema diff</c> uses
    /// (<see cref="WorkiomSchemaDiff"/>). A list Workiom no longer has is one breaking <c>listRemoved</c> change.
    /// </summary>
    /// <param name="lists">The lists to check, e.g. <c>Deal.WorkiomSchema</c>.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The drift of each list, in the order given.</returns>
    /// <exception cref="WorkiomException">Workiom could not be asked (network, authentication, a bad reply).</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in a required first parameter, so no call is ambiguous; every async method takes an optional token by .NET convention.")]
    public async Task<WorkiomSchemaReport> CheckSchemasAsync(IEnumerable<WorkiomListSchema> lists, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var drift = new List<WorkiomListDrift>();
        foreach (var primary in lists)
        {
            ArgumentNullException.ThrowIfNull(primary, nameof(lists));
            var expected = primary;
            if (!Options.IsPrimaryEnvironment)
            {
                // Against the environment's list: its ids and names there, as the build matched them.
                expected = WorkiomListEnvironment.Find(primary, Options.Environment!)?.ExpectedSchema()
                    ?? throw new WorkiomEnvironmentException(
                        "The list \"" + primary.ListName + "\" (" + primary.ListId + ") has no ids for the environment \"" + Options.Environment +
                        "\": list its snapshots with Environment=\"" + Options.Environment + "\" in the project.");
            }

            var live = await GetListSchemaAsync(expected.ListId, cancellationToken).ConfigureAwait(false);
            var changes = live is null
                ? new[]
                {
                    new WorkiomSchemaChange(WorkiomSchemaDiff.ListRemoved, WorkiomDriftSeverity.Breaking, null, null, null, null,
                        "list '" + expected.ListName + "' (" + expected.ListId + ") no longer exists"),
                }
                : WorkiomSchemaDiff.Compare(expected, live);
            drift.Add(new WorkiomListDrift(expected.ListId, expected.ListName, changes));
        }

        return new WorkiomSchemaReport(drift);
    }

    /// <summary>The live list, or null when Workiom says it has no such list.</summary>
    private async Task<WorkiomListSchema?> GetListSchemaAsync(string listId, CancellationToken cancellationToken)
    {
        string path = "api/services/app/Lists/Get?id=" + Uri.EscapeDataString(listId)
            + "&expand=Fields&expand=Views&expand=Filters&includeSystemFields=true";
        WorkiomReply reply;
        try
        {
            reply = await Transport.SendAsync(HttpMethod.Get, path, content: null, idempotent: true, authenticate: true, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkiomNotFoundException)
        {
            return null;
        }

        var reader = reply.ResultReader();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new WorkiomInvalidReplyException("Workiom's Lists/Get reply for list " + listId + " holds no list.", reply.Excerpt());
        }

        using var document = JsonDocument.ParseValue(ref reader);
        if (!document.RootElement.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw new WorkiomInvalidReplyException("Workiom's Lists/Get reply for list " + listId + " has no fields.", reply.Excerpt());
        }

        try
        {
            return WorkiomListSchema.FromListsGet(document.RootElement);
        }
        catch (InvalidOperationException exception)
        {
            // A name escaping half a surrogate pair ("\ud800") cannot be read as .NET text, so it cannot be compared.
            throw new WorkiomInvalidReplyException(
                "Workiom's Lists/Get reply for list " + listId + " holds text that is not valid Unicode (half a surrogate pair).", reply.Excerpt(), innerException: exception);
        }
    }
}
