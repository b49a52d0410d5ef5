using System.Text.Json;
using Workiom.Client.Tests.TestRecords;
using Workiom.Queries;

namespace Workiom.Client.Tests.Fakes;

/// <summary>A query double: a fixed Data/All body for the Deals list with the page asked for.</summary>
public sealed class FixedQuery : IWorkiomQuery
{
    public string ListId { get; init; } = Deal.WorkiomListId;

    public int Skip { get; init; }

    public int? Take { get; init; }

    public IReadOnlyList<int>? ProjectedFieldIds { get; init; }

    public void WriteDataAllBody(Utf8JsonWriter writer, int skipCount, int maxResultCount)
    {
        writer.WriteStartObject();
        writer.WriteString("listId", ListId);
        writer.WriteStartArray("filter");
        writer.WriteEndArray();
        writer.WriteNumber("filterCollectionOperator", 0);
        if (ProjectedFieldIds is not null)
        {
            writer.WriteStartArray("projectedFields");
            foreach (var id in ProjectedFieldIds)
            {
                writer.WriteNumberValue(id);
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber("maxResultCount", maxResultCount);
        writer.WriteNumber("skipCount", skipCount);
        writer.WriteEndObject();
    }
}
