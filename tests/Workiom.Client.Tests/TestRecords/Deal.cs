using System.Globalization;
using System.Text.Json;
using Workiom.Queries;
using Workiom.Serialization;

namespace Workiom.Client.Tests.TestRecords;

/// <summary>
/// A hand-written record of the Deals list in the shape the generator emits, with one field of
/// each kind the repository must carry: text, currency, status, link list, user, date, files and
/// a read-only auto number. Every other key Workiom sends is kept as an unknown field.
/// </summary>
public sealed partial class Deal : WorkiomRecord, IWorkiomRecord<Deal>, IWorkiomQueryable<Deal, Deal.DealQueryFields>
{
    public static string WorkiomListId => "b2a42566-eb5c-40bb-15d8-08d601df4183";

    public static string WorkiomListName => "Deals";

    public override string ListId => WorkiomListId;

    public static class Fields
    {
        public const int DealName = 2014502;
        public const int Amount = 2014503;
        public const int Stage = 2014505;
        public const int Company = 2014508;
        public const int Owner = 2014509;
        public const int NextMeeting = 2014512;
        public const int Contract = 2014518;
        public const int DealNo = 2014523;
    }

    private string? _dealName;
    private decimal? _amount;
    private StageOption? _stage;
    private LinkList? _company;
    private WorkiomUser? _owner;
    private DateTimeOffset? _nextMeeting;
    private List<WorkiomFile>? _contract;

    public string? DealName { get => _dealName; set => SetField(ref _dealName, value, Fields.DealName); }

    public decimal? Amount { get => _amount; set => SetField(ref _amount, value, Fields.Amount); }

    public StageOption? Stage { get => _stage; set => SetField(ref _stage, value, Fields.Stage); }

    public LinkList Company
    {
        get => TrackCollection(Fields.Company, _company ??= new LinkList());
        set => SetField(ref _company, value, Fields.Company);
    }

    public WorkiomUser? Owner { get => _owner; set => SetField(ref _owner, value, Fields.Owner); }

    public DateTimeOffset? NextMeeting { get => _nextMeeting; set => SetField(ref _nextMeeting, value, Fields.NextMeeting); }

    public List<WorkiomFile> Contract
    {
        get => TrackCollection(Fields.Contract, _contract ??= new List<WorkiomFile>());
        set => SetField(ref _contract, value, Fields.Contract);
    }

    /// <summary>AutoNumber: read-only, never written.</summary>
    public long? DealNo { get; private set; }

    public override string? DisplayLabel => _dealName;

    public static DealQueryFields QueryFields { get; } = new();

    public static Deal ReadFrom(ref Utf8JsonReader reader)
    {
        WorkiomJsonReader.ExpectRecordStart(ref reader);
        var record = new Deal();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (WorkiomJsonReader.ReadRecordKey(ref reader, out int fieldId, out string key))
            {
                case RecordKeyKind.RecordId:
                    var id = WorkiomJsonReader.ReadRecordId(ref reader);
                    // "_id" is the record id; "id" is only a fallback for replies that use it instead.
                    if (key == "_id" || record.Id is null)
                    {
                        record.Id = id;
                    }

                    break;
                case RecordKeyKind.ViewData:
                    WorkiomJsonReader.Skip(ref reader);
                    break;
                case RecordKeyKind.FieldId:
                    switch (fieldId)
                    {
                        case Fields.DealName: record._dealName = WorkiomJsonReader.ReadString(ref reader, fieldId); break;
                        case Fields.Amount: record._amount = WorkiomJsonReader.ReadDecimal(ref reader, fieldId); break;
                        case Fields.Stage: record._stage = WorkiomJsonReader.ReadOption<StageOption>(ref reader, fieldId); break;
                        case Fields.Company: record._company = WorkiomJsonReader.ReadLinks<LinkList>(ref reader, fieldId); break;
                        case Fields.Owner: record._owner = WorkiomJsonReader.ReadUser(ref reader, fieldId); break;
                        case Fields.NextMeeting: record._nextMeeting = WorkiomJsonReader.ReadDateTime(ref reader, fieldId); break;
                        case Fields.Contract: record._contract = WorkiomJsonReader.ReadFiles(ref reader, fieldId); break;
                        case Fields.DealNo: record.DealNo = WorkiomJsonReader.ReadInt64(ref reader, fieldId); break;
                        default: record.KeepUnknownField(fieldId.ToString(CultureInfo.InvariantCulture), ref reader); break;
                    }

                    break;
                default:
                    record.KeepUnknownField(key, ref reader);
                    break;
            }
        }

        return record;
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

        if (filter.Includes(Fields.Stage, _stage is null))
        {
            writer.WritePropertyName("2014505");
            WorkiomJsonWriter.WriteOption(writer, _stage, shapes.Status);
        }

        if (filter.Includes(Fields.Company, _company is null || _company.Count == 0))
        {
            writer.WritePropertyName("2014508");
            WorkiomJsonWriter.WriteLinks(writer, _company, shapes.LinkList);
        }

        if (filter.Includes(Fields.Owner, _owner is null))
        {
            writer.WritePropertyName("2014509");
            WorkiomJsonWriter.WriteUser(writer, _owner, shapes.User);
        }

        if (filter.Includes(Fields.NextMeeting, _nextMeeting is null))
        {
            writer.WritePropertyName("2014512");
            WorkiomJsonWriter.WriteDateTime(writer, _nextMeeting);
        }

        if (filter.Includes(Fields.Contract, _contract is null || _contract.Count == 0))
        {
            writer.WritePropertyName("2014518");
            WorkiomJsonWriter.WriteFiles(writer, _contract);
        }
    }

    protected override bool CopyFieldsFrom(WorkiomRecord source, Func<int, bool> include)
    {
        var other = (Deal)source;
        if (include(Fields.DealName)) _dealName = other._dealName;
        if (include(Fields.Amount)) _amount = other._amount;
        if (include(Fields.Stage)) _stage = other._stage;
        if (include(Fields.Company)) _company = CopyLinks(other._company);
        if (include(Fields.Owner)) _owner = other._owner;
        if (include(Fields.NextMeeting)) _nextMeeting = other._nextMeeting;
        if (include(Fields.Contract)) _contract = CopyList(other._contract);
        if (include(Fields.DealNo)) DealNo = other.DealNo;
        return true;
    }

    public sealed class DealQueryFields
    {
        public int Amount => Fields.Amount;
    }
}

/// <summary>The options of the Stage status field, as the generator emits them.</summary>
public sealed class StageOption : SelectOption, ISelectOption<StageOption>
{
    private StageOption(string id, string label, int? order, string? color, bool? isClosed)
        : base(id, label, order, color, isClosed)
    {
    }

    public static StageOption Qualified { get; } = new("a2830957-96e5-4709-aca0-df06fa3aafc3", "Qualified", 1, "#2196f3", false);

    public static StageOption ProposalSent { get; } = new("8ed92143-4014-402a-8c9a-c54effa45a39", "Proposal Sent", 2, "#ffa979", false);

    public static StageOption Won { get; } = new("c1818389-a77d-468f-92e5-7f47fff6f3b8", "Won", 3, "#4caf50", true);

    public static IReadOnlyList<StageOption> Known { get; } = new[] { Qualified, ProposalSent, Won };

    public static StageOption Create(string id, string label, int? order, string? color, bool? isClosed) =>
        new(id, label, order, color, isClosed);
}
