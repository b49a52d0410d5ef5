namespace Workiom.Queries.Tests.Support;

/// <summary>Expected Data/All bodies, spelled out in full so a golden test checks every key.</summary>
internal static class Bodies
{
    public const string DealsListId = "b2a42566-eb5c-40bb-15d8-08d601df4183";
    public const string CompaniesListId = "d5192ca5-b7db-4866-a309-7161739f88d5";

    /// <summary>One filter item with <c>valueMappingType: 0</c>.</summary>
    public static string Item(int fieldId, int filterOperator, string value = "null", string value2 = "null") =>
        $$"""{ "fieldId": {{fieldId}}, "operator": {{filterOperator}}, "value": {{value}}, "value2": {{value2}}, "valueMappingType": 0 }""";

    /// <summary>A whole body: the given items and the defaults a query with nothing else set writes.</summary>
    public static string Body(
        string listId,
        string items,
        int filterCollectionOperator = 0,
        string sorting = "null",
        string projectedFields = "null",
        string ids = "[]",
        string quickSearch = "\"\"",
        string linkedItemsLimit = "null",
        int maxResultCount = 200,
        int skipCount = 0) =>
        $$"""
        {
          "listId": "{{listId}}",
          "filter": [ {{items}} ],
          "filterCollectionOperator": {{filterCollectionOperator}},
          "sorting": {{sorting}},
          "projectedFields": {{projectedFields}},
          "ids": {{ids}},
          "quickSearch": {{quickSearch}},
          "linkedItemsLimit": {{linkedItemsLimit}},
          "maxResultCount": {{maxResultCount}},
          "skipCount": {{skipCount}}
        }
        """;
}
