using System.Globalization;
using System.Text.Json;

namespace Workiom.Queries;

/// <summary>A query whose <c>Data/All</c> body can be written for a list in another environment.</summary>
internal interface IWorkiomEnvironmentQuery
{
    /// <summary>Writes the body with the environment's list, field, option and view ids (null: the primary ones).</summary>
    void WriteDataAllBody(Utf8JsonWriter writer, int skipCount, int maxResultCount, Schema.WorkiomListEnvironment? environment);
}

/// <summary>The translation of a query's ids into an environment's, refusing what has no match there.</summary>
internal static class EnvironmentQueries
{
    /// <summary>The field's id in the environment; throws when it has none.</summary>
    public static int FieldId(Schema.WorkiomListEnvironment environment, int fieldId, string use)
    {
        if (environment.TryGetFieldId(fieldId, out int id))
        {
            return id;
        }

        throw new WorkiomEnvironmentException(
            "The query " + use + " the field \"" + environment.FieldName(fieldId) + "\" (" + fieldId.ToString(CultureInfo.InvariantCulture) +
            ") of the list \"" + environment.Schema.ListName + "\", which has no match in the environment \"" + environment.Name + "\"; nothing was sent.");
    }

    /// <summary>The view's id in the environment; throws when it has none.</summary>
    public static int ViewId(Schema.WorkiomListEnvironment environment, int viewId, string viewName)
    {
        if (environment.TryGetViewId(viewId, out int id))
        {
            return id;
        }

        throw new WorkiomEnvironmentException(
            "The query runs in the view \"" + viewName + "\" (" + viewId.ToString(CultureInfo.InvariantCulture) + ") of the list \"" +
            environment.Schema.ListName + "\", which has no match in the environment \"" + environment.Name + "\"; nothing was sent.");
    }
}
