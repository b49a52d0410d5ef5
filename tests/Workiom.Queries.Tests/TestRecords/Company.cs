using System.Text.Json;
using Workiom.Serialization;

namespace Workiom.Queries.Tests.TestRecords;

/// <summary>
/// The Companies list of lists-get.companies.json, by hand in the generator's shape. Its Deals link
/// is described as a link to a list without a snapshot, to cover that descriptor too.
/// </summary>
public sealed partial class Company : WorkiomRecord, IWorkiomRecord<Company>, IWorkiomQueryable<Company, Company.QueryFields>
{
    private static readonly QueryFields s_queryFields = new();

    private string? _companyName;

    public Company()
    {
    }

    public Company(string? id, string? companyName)
    {
        Id = id;
        _companyName = companyName;
    }

    public static string WorkiomListId => "d5192ca5-b7db-4866-a309-7161739f88d5";

    public static string WorkiomListName => "Companies";

    public override string ListId => WorkiomListId;

    static QueryFields IWorkiomQueryable<Company, QueryFields>.QueryFields => s_queryFields;

    public string? CompanyName
    {
        get => _companyName;
        set => SetField(ref _companyName, value, Fields.CompanyName);
    }

    public override string? DisplayLabel => _companyName;

    public static Company ReadFrom(ref Utf8JsonReader reader)
    {
        WorkiomJsonReader.ExpectRecordStart(ref reader);
        var company = new Company();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (WorkiomJsonReader.ReadRecordKey(ref reader, out int fieldId, out string key))
            {
                case RecordKeyKind.RecordId:
                    company.Id = WorkiomJsonReader.ReadRecordId(ref reader);
                    break;
                case RecordKeyKind.FieldId when fieldId == Fields.CompanyName:
                    company._companyName = WorkiomJsonReader.ReadString(ref reader, fieldId);
                    break;
                case RecordKeyKind.ViewData:
                    WorkiomJsonReader.Skip(ref reader);
                    break;
                default:
                    company.KeepUnknownField(fieldId != 0 ? fieldId.ToString(System.Globalization.CultureInfo.InvariantCulture) : key, ref reader);
                    break;
            }
        }

        return company;
    }

    protected override void WriteFields(Utf8JsonWriter writer, FieldWriteFilter filter, WorkiomWriteShapes shapes)
    {
        if (filter.Includes(Fields.CompanyName, _companyName is null))
        {
            writer.WritePropertyName("3416230");
            WorkiomJsonWriter.WriteString(writer, _companyName);
        }
    }

    public static class Fields
    {
        public const int CompanyName = 3416230;
    }

    public sealed class QueryFields
    {
        public TextField<Company> CompanyName { get; } = new(3416230, "Company Name");

        public FileField<Company> Logo { get; } = new(3416231, "Logo");

        public NumberField<Company> Employees { get; } = new(3416233, "Employees");

        public LinkField<Company> Deals { get; } = new(3416234, "Deals");

        public NumberField<Company> OpenDeals { get; } = new(3416235, "Open Deals", WorkiomDataType.Count);

        public RawField<Company> Hq { get; } = new(3416236, "HQ");

        public FileField<Company> SignedNda { get; } = new(3416237, "Signed NDA", WorkiomDataType.Signature);
    }
}
