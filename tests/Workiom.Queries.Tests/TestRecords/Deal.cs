using System.Text.Json;
using Workiom.Serialization;

namespace Workiom.Queries.Tests.TestRecords;

/// <summary>
/// The Deals list of lists-get.deals.json, written by hand in the shape the generator emits, with
/// one query field of every descriptor family (field and option ids from the snapshot).
/// </summary>
public sealed partial class Deal : WorkiomRecord, IWorkiomRecord<Deal>, IWorkiomQueryable<Deal, Deal.QueryFields>
{
    private static readonly QueryFields s_queryFields = new();

    private string? _dealName;
    private decimal? _amount;

    public Deal()
    {
    }

    public Deal(string id)
    {
        Id = id;
    }

    public static string WorkiomListId => "b2a42566-eb5c-40bb-15d8-08d601df4183";

    public static string WorkiomListName => "Deals";

    public override string ListId => WorkiomListId;

    // The nested descriptor class is named QueryFields, so the interface's QueryFields property is
    // implemented explicitly (a type cannot have a member and a nested type of the same name).
    static QueryFields IWorkiomQueryable<Deal, QueryFields>.QueryFields => s_queryFields;

    public string? DealName
    {
        get => _dealName;
        set => SetField(ref _dealName, value, Fields.DealName);
    }

    public decimal? Amount
    {
        get => _amount;
        set => SetField(ref _amount, value, Fields.Amount);
    }

    public override string? DisplayLabel => _dealName;

    public static Deal ReadFrom(ref Utf8JsonReader reader)
    {
        WorkiomJsonReader.ExpectRecordStart(ref reader);
        var deal = new Deal();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (WorkiomJsonReader.ReadRecordKey(ref reader, out int fieldId, out string key))
            {
                case RecordKeyKind.RecordId:
                    deal.Id = WorkiomJsonReader.ReadRecordId(ref reader);
                    break;
                case RecordKeyKind.FieldId when fieldId == Fields.DealName:
                    deal._dealName = WorkiomJsonReader.ReadString(ref reader, fieldId);
                    break;
                case RecordKeyKind.FieldId when fieldId == Fields.Amount:
                    deal._amount = WorkiomJsonReader.ReadDecimal(ref reader, fieldId);
                    break;
                case RecordKeyKind.ViewData:
                    WorkiomJsonReader.Skip(ref reader);
                    break;
                default:
                    deal.KeepUnknownField(fieldId != 0 ? fieldId.ToString(System.Globalization.CultureInfo.InvariantCulture) : key, ref reader);
                    break;
            }
        }

        return deal;
    }

    protected override void WriteFields(Utf8JsonWriter writer, FieldWriteFilter filter, WorkiomWriteShapes shapes)
    {
        if (filter.Includes(Fields.DealName, _dealName is null))
        {
            writer.WritePropertyName("2014502");
            WorkiomJsonWriter.WriteString(writer, _dealName);
        }

        if (filter.Includes(Fields.Amount, _amount is null))
        {
            writer.WritePropertyName("2014503");
            WorkiomJsonWriter.WriteDecimal(writer, _amount);
        }
    }

    public static class Fields
    {
        public const int DealName = 2014502;
        public const int Amount = 2014503;
    }

    public sealed class QueryFields
    {
        public TextField<Deal> DealName { get; } = new(2014502, "Deal Name");

        public NumberField<Deal> Amount { get; } = new(2014503, "Amount", WorkiomDataType.Currency);

        public NumberField<Deal> Probability { get; } = new(2014504, "Probability");

        public SelectField<Deal, StageOption> Stage { get; } = new(2014505, "Stage", WorkiomDataType.Status);

        public SelectField<Deal, SourceOption> Source { get; } = new(2014506, "Source");

        public MultiSelectField<Deal, TagsOption> Tags { get; } = new(2014507, "Tags");

        public LinkField<Deal, Company> Company { get; } = new(2014508, "Company");

        public UserField<Deal> Owner { get; } = new(2014509, "Owner");

        public MultiUserField<Deal> Watchers { get; } = new(2014510, "Watchers");

        public DateField<Deal> ExpectedClose { get; } = new(2014511, "Expected Close");

        public DateTimeField<Deal> NextMeeting { get; } = new(2014512, "Next Meeting");

        public BooleanField<Deal> IsStrategic { get; } = new(2014517, "Is Strategic");

        public FileField<Deal> Contract { get; } = new(2014518, "Contract");

        public TextField<Deal> ContactEmail { get; } = new(2014519, "Contact Email", WorkiomDataType.Email);

        public TextField<Deal> ContactPhone { get; } = new(2014521, "Contact Phone", WorkiomDataType.PhoneNumber);

        public TextField<Deal> Website { get; } = new(2014522, "Website", WorkiomDataType.Website);

        public NumberField<Deal> DealNo { get; } = new(2014523, "Deal No.", WorkiomDataType.AutoNumber);

        public CheckListField<Deal> NextSteps { get; } = new(2014524, "Next Steps");

        public NumberField<Deal> Completion { get; } = new(2014525, "Completion", WorkiomDataType.ProgressBar);

        public NumberField<Deal> CompanyEmployees { get; } = new(2014526, "Company Employees", WorkiomDataType.Rollup);

        public UserField<Deal> Creator { get; } = new(2014513, "Creator");

        public DateTimeField<Deal> CreationDate { get; } = new(2014514, "Creation Date");
    }

    public sealed class StageOption : SelectOption, ISelectOption<StageOption>
    {
        private StageOption(string id, string label, int? order, string? color, bool? isClosed)
            : base(id, label, order, color, isClosed)
        {
        }

        public static StageOption Lead { get; } = new("8bf54526-6762-42e8-a326-c62a77894506", "Lead", 0, "#9e9e9e", false);

        public static StageOption Qualified { get; } = new("a2830957-96e5-4709-aca0-df06fa3aafc3", "Qualified", 1, "#2196f3", false);

        public static StageOption ProposalSent { get; } = new("8ed92143-4014-402a-8c9a-c54effa45a39", "Proposal Sent", 2, "#ffa979", false);

        public static StageOption Won { get; } = new("c1818389-a77d-468f-92e5-7f47fff6f3b8", "Won", 3, "#4caf50", true);

        public static StageOption Lost { get; } = new("0774e84f-d9ea-46a3-b838-da51a6a23c2a", "Lost", 4, "#f44336", true);

        public static IReadOnlyList<StageOption> Known { get; } = [Lead, Qualified, ProposalSent, Won, Lost];

        public static StageOption Create(string id, string label, int? order, string? color, bool? isClosed) =>
            new(id, label, order, color, isClosed);
    }

    public sealed class SourceOption : SelectOption, ISelectOption<SourceOption>
    {
        private SourceOption(string id, string label, int? order, string? color, bool? isClosed)
            : base(id, label, order, color, isClosed)
        {
        }

        public static SourceOption Website { get; } = new("fcfb04c4-d71d-4770-b370-d13bc472bad0", "Website", 0, null, null);

        public static SourceOption Referral { get; } = new("19757813-ec9a-4449-8683-0938202504d0", "Referral", 1, null, null);

        public static SourceOption ColdCall { get; } = new("1534331844077", "Cold Call", 2, null, null);

        public static SourceOption EventTradeShow { get; } = new("2edbfca523364712bf4ab7c37162993e", "Event | Trade Show", 3, null, null);

        public static IReadOnlyList<SourceOption> Known { get; } = [Website, Referral, ColdCall, EventTradeShow];

        public static SourceOption Create(string id, string label, int? order, string? color, bool? isClosed) =>
            new(id, label, order, color, isClosed);
    }

    public sealed class TagsOption : SelectOption, ISelectOption<TagsOption>
    {
        private TagsOption(string id, string label, int? order, string? color, bool? isClosed)
            : base(id, label, order, color, isClosed)
        {
        }

        public static TagsOption Enterprise { get; } = new("345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5", "Enterprise", 0, null, null);

        public static TagsOption Smb { get; } = new("8627a434-b532-4ae4-b56a-a168bcc66446", "SMB", 1, null, null);

        public static TagsOption Renewal { get; } = new("50809651-e07a-451b-b78f-dae672541529", "Renewal", 2, null, null);

        public static IReadOnlyList<TagsOption> Known { get; } = [Enterprise, Smb, Renewal];

        public static TagsOption Create(string id, string label, int? order, string? color, bool? isClosed) =>
            new(id, label, order, color, isClosed);
    }
}
