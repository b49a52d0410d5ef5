using Workiom.Queries.Tests.Support;
using Workiom.Queries.Tests.TestRecords;
using static Workiom.Queries.Tests.Support.Bodies;

namespace Workiom.Queries.Tests;

/// <summary>Every operator of every descriptor family, checked against the whole Data/All body.</summary>
public class GoldenJsonTests
{
    private const string AcmeId = "67691cd5f8193dc8b9430e98";
    private const string StageLead = """{ "id": "8bf54526-6762-42e8-a326-c62a77894506", "label": "Lead" }""";
    private const string StageQualified = """{ "id": "a2830957-96e5-4709-aca0-df06fa3aafc3", "label": "Qualified" }""";
    private const string StageProposalSent = """{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent" }""";
    private const string StageWon = """{ "id": "c1818389-a77d-468f-92e5-7f47fff6f3b8", "label": "Won" }""";
    private const string StageLost = """{ "id": "0774e84f-d9ea-46a3-b838-da51a6a23c2a", "label": "Lost" }""";
    private const string SourceEvent = """{ "id": "2edbfca523364712bf4ab7c37162993e", "label": "Event | Trade Show" }""";
    private const string SourceColdCall = """{ "id": "1534331844077", "label": "Cold Call" }""";
    private const string TagEnterprise = """{ "id": "345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5", "label": "Enterprise" }""";
    private const string TagSmb = """{ "id": "8627a434-b532-4ae4-b56a-a168bcc66446", "label": "SMB" }""";
    private const string TagRenewal = """{ "id": "50809651-e07a-451b-b78f-dae672541529", "label": "Renewal" }""";

    private static readonly DateTimeOffset MeetingInBerlin = new(2025, 5, 2, 11, 30, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset LaterMeetingUtc = new(2025, 5, 9, 16, 45, 30, 250, TimeSpan.Zero);
    private static readonly Company Acme = new(AcmeId, "Acme Corp");
    private static readonly WorkiomUser Fadi = new(109725, "Fadi Alsayed");
    private static readonly WorkiomUser Rose = new(109731, "Rose Fowler");

    public static TheoryData<string, Func<Deal.QueryFields, FilterCondition<Deal>>, string> DealConditions => new()
    {
        // Text, Website, Email, PhoneNumber
        { "text Contains", d => d.DealName.Contains("Acme"), Item(2014502, 1, "\"Acme\"") },
        { "text DoesNotContain", d => d.DealName.DoesNotContain("pilot"), Item(2014502, 2, "\"pilot\"") },
        { "text Is", d => d.DealName.Is("Acme renewal 2025"), Item(2014502, 3, "\"Acme renewal 2025\"") },
        { "text ==", d => d.DealName == "Globex pilot", Item(2014502, 3, "\"Globex pilot\"") },
        { "text IsNot", d => d.DealName.IsNot("Acme"), Item(2014502, 4, "\"Acme\"") },
        { "text !=", d => d.DealName != "Acme", Item(2014502, 4, "\"Acme\"") },
        { "text IsEmpty", d => d.DealName.IsEmpty(), Item(2014502, 7) },
        { "text IsNotEmpty", d => d.DealName.IsNotEmpty(), Item(2014502, 8) },
        { "text non-ASCII", d => d.DealName == "Şirket \"ödeme\" – عقد", Item(2014502, 3, "\"Şirket \\\"ödeme\\\" – عقد\"") },
        { "email Contains", d => d.ContactEmail.Contains("@acme.example"), Item(2014519, 1, "\"@acme.example\"") },
        { "phone Is", d => d.ContactPhone == "(415) 555-9876", Item(2014521, 3, "\"(415) 555-9876\"") },
        { "website IsNotEmpty", d => d.Website.IsNotEmpty(), Item(2014522, 8) },

        // Number, Currency, ProgressBar, AutoNumber, Rollup
        { "number Is", d => d.Amount.Is(120000m), Item(2014503, 3, "120000") },
        { "number == int", d => d.Amount == 5, Item(2014503, 3, "5") },
        { "number IsNot", d => d.Amount.IsNot(0), Item(2014503, 4, "0") },
        { "number !=", d => d.Amount != 0.5m, Item(2014503, 4, "0.5") },
        { "number Greater", d => d.Amount.Greater(1000), Item(2014503, 5, "1000") },
        { "number >", d => d.Amount > 1000m, Item(2014503, 5, "1000") },
        { "number GreaterOrEqual", d => d.Amount.GreaterOrEqual(10000), Item(2014503, 9, "10000") },
        { "number >=", d => d.Amount >= 10000, Item(2014503, 9, "10000") },
        { "number Less", d => d.Amount.Less(-250.75m), Item(2014503, 6, "-250.75") },
        { "number <", d => d.Amount < 99.99m, Item(2014503, 6, "99.99") },
        { "number LessOrEqual", d => d.Amount.LessOrEqual(500), Item(2014503, 10, "500") },
        { "number <=", d => d.Amount <= 500, Item(2014503, 10, "500") },
        { "number Between", d => d.Amount.Between(100, 200.5m), Item(2014503, 11, "100", "200.5") },
        { "number Between equal bounds", d => d.Amount.Between(7, 7), Item(2014503, 11, "7", "7") },
        { "number IsEmpty", d => d.Amount.IsEmpty(), Item(2014503, 7) },
        { "number IsNotEmpty", d => d.Amount.IsNotEmpty(), Item(2014503, 8) },
        { "plain number >", d => d.Probability > 50, Item(2014504, 5, "50") },
        { "progress bar <=", d => d.Completion <= 60, Item(2014525, 10, "60") },
        { "auto number ==", d => d.DealNo == 1042, Item(2014523, 3, "1042") },
        { "rollup Between", d => d.CompanyEmployees.Between(10, 1000), Item(2014526, 11, "10", "1000") },

        // DateTime with a time of day: sent in UTC as the guide writes it
        { "date-time Is", d => d.NextMeeting.Is(MeetingInBerlin), Item(2014512, 3, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time ==", d => d.NextMeeting == LaterMeetingUtc, Item(2014512, 3, "\"2025-05-09T16:45:30.250+00:00\"") },
        { "date-time IsNot", d => d.NextMeeting.IsNot(MeetingInBerlin), Item(2014512, 4, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time !=", d => d.NextMeeting != MeetingInBerlin, Item(2014512, 4, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time >", d => d.NextMeeting > MeetingInBerlin, Item(2014512, 5, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time Greater", d => d.NextMeeting.Greater(MeetingInBerlin), Item(2014512, 5, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time >=", d => d.NextMeeting >= MeetingInBerlin, Item(2014512, 9, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time GreaterOrEqual", d => d.NextMeeting.GreaterOrEqual(MeetingInBerlin), Item(2014512, 9, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time <", d => d.NextMeeting < MeetingInBerlin, Item(2014512, 6, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time Less", d => d.NextMeeting.Less(MeetingInBerlin), Item(2014512, 6, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time <=", d => d.NextMeeting <= MeetingInBerlin, Item(2014512, 10, "\"2025-05-02T09:30:00.000+00:00\"") },
        { "date-time LessOrEqual", d => d.NextMeeting.LessOrEqual(MeetingInBerlin), Item(2014512, 10, "\"2025-05-02T09:30:00.000+00:00\"") },
        {
            "date-time Between", d => d.NextMeeting.Between(MeetingInBerlin, LaterMeetingUtc),
            Item(2014512, 11, "\"2025-05-02T09:30:00.000+00:00\"", "\"2025-05-09T16:45:30.250+00:00\"")
        },
        { "date-time IsEmpty", d => d.NextMeeting.IsEmpty(), Item(2014512, 7) },
        { "date-time IsNotEmpty", d => d.NextMeeting.IsNotEmpty(), Item(2014512, 8) },
        { "system date-time >=", d => d.CreationDate >= LaterMeetingUtc, Item(2014514, 9, "\"2025-05-09T16:45:30.250+00:00\"") },

        // Date only: midnight UTC of the day
        { "date Is", d => d.ExpectedClose.Is(new DateOnly(2025, 6, 30)), Item(2014511, 3, "\"2025-06-30T00:00:00.000+00:00\"") },
        { "date ==", d => d.ExpectedClose == new DateOnly(2025, 6, 30), Item(2014511, 3, "\"2025-06-30T00:00:00.000+00:00\"") },
        { "date IsNot", d => d.ExpectedClose.IsNot(new DateOnly(2025, 6, 30)), Item(2014511, 4, "\"2025-06-30T00:00:00.000+00:00\"") },
        { "date !=", d => d.ExpectedClose != new DateOnly(2025, 6, 30), Item(2014511, 4, "\"2025-06-30T00:00:00.000+00:00\"") },
        { "date >", d => d.ExpectedClose > new DateOnly(2025, 1, 1), Item(2014511, 5, "\"2025-01-01T00:00:00.000+00:00\"") },
        { "date Greater", d => d.ExpectedClose.Greater(new DateOnly(2025, 1, 1)), Item(2014511, 5, "\"2025-01-01T00:00:00.000+00:00\"") },
        { "date >=", d => d.ExpectedClose >= new DateOnly(2025, 1, 1), Item(2014511, 9, "\"2025-01-01T00:00:00.000+00:00\"") },
        { "date GreaterOrEqual", d => d.ExpectedClose.GreaterOrEqual(new DateOnly(2025, 1, 1)), Item(2014511, 9, "\"2025-01-01T00:00:00.000+00:00\"") },
        { "date <", d => d.ExpectedClose < new DateOnly(2025, 12, 31), Item(2014511, 6, "\"2025-12-31T00:00:00.000+00:00\"") },
        { "date Less", d => d.ExpectedClose.Less(new DateOnly(2025, 12, 31)), Item(2014511, 6, "\"2025-12-31T00:00:00.000+00:00\"") },
        { "date <=", d => d.ExpectedClose <= new DateOnly(2025, 12, 31), Item(2014511, 10, "\"2025-12-31T00:00:00.000+00:00\"") },
        { "date LessOrEqual", d => d.ExpectedClose.LessOrEqual(new DateOnly(2025, 12, 31)), Item(2014511, 10, "\"2025-12-31T00:00:00.000+00:00\"") },
        {
            "date Between", d => d.ExpectedClose.Between(new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)),
            Item(2014511, 11, "\"2025-04-01T00:00:00.000+00:00\"", "\"2025-06-30T00:00:00.000+00:00\"")
        },
        { "date IsEmpty", d => d.ExpectedClose.IsEmpty(), Item(2014511, 7) },
        { "date IsNotEmpty", d => d.ExpectedClose.IsNotEmpty(), Item(2014511, 8) },

        // Boolean: Is only
        { "boolean Is", d => d.IsStrategic.Is(true), Item(2014517, 3, "true") },
        { "boolean ==", d => d.IsStrategic == false, Item(2014517, 3, "false") },

        // Status and StaticSelect: [{id, label}]
        { "status Is option", d => d.Stage.Is(Deal.StageOption.Won), Item(2014505, 3, $"[{StageWon}]") },
        { "status == option", d => d.Stage == Deal.StageOption.Won, Item(2014505, 3, $"[{StageWon}]") },
        { "status Is label", d => d.Stage.Is("Proposal Sent"), Item(2014505, 3, $"[{StageProposalSent}]") },
        { "status == label", d => d.Stage == "Lead", Item(2014505, 3, $"[{StageLead}]") },
        { "status IsNot option", d => d.Stage.IsNot(Deal.StageOption.Lost), Item(2014505, 4, $"[{StageLost}]") },
        { "status != option", d => d.Stage != Deal.StageOption.Lost, Item(2014505, 4, $"[{StageLost}]") },
        { "status IsNot label", d => d.Stage.IsNot("Lost"), Item(2014505, 4, $"[{StageLost}]") },
        { "status != label", d => d.Stage != "Lost", Item(2014505, 4, $"[{StageLost}]") },
        {
            "status In options", d => d.Stage.In(Deal.StageOption.Qualified, Deal.StageOption.ProposalSent),
            Item(2014505, 12, $"[{StageQualified}, {StageProposalSent}]")
        },
        { "status In labels", d => d.Stage.In("Won", "Lead"), Item(2014505, 12, $"[{StageWon}, {StageLead}]") },
        { "status NotIn options", d => d.Stage.NotIn(Deal.StageOption.Won, Deal.StageOption.Lost), Item(2014505, 13, $"[{StageWon}, {StageLost}]") },
        { "status NotIn labels", d => d.Stage.NotIn("Lost"), Item(2014505, 13, $"[{StageLost}]") },
        { "status IsEmpty", d => d.Stage.IsEmpty(), Item(2014505, 7) },
        { "status IsNotEmpty", d => d.Stage.IsNotEmpty(), Item(2014505, 8) },
        { "select label with a bar", d => d.Source == "Event | Trade Show", Item(2014506, 3, $"[{SourceEvent}]") },
        { "select numeric option id", d => d.Source.In(Deal.SourceOption.ColdCall), Item(2014506, 12, $"[{SourceColdCall}]") },
        { "select IsEmpty", d => d.Source.IsEmpty(), Item(2014506, 7) },

        // MultiStaticSelect
        { "multi-select Contains option", d => d.Tags.Contains(Deal.TagsOption.Enterprise), Item(2014507, 1, $"[{TagEnterprise}]") },
        { "multi-select Contains label", d => d.Tags.Contains("SMB"), Item(2014507, 1, $"[{TagSmb}]") },
        { "multi-select In options", d => d.Tags.In(Deal.TagsOption.SMB, Deal.TagsOption.Renewal), Item(2014507, 12, $"[{TagSmb}, {TagRenewal}]") },
        { "multi-select In labels", d => d.Tags.In("Renewal"), Item(2014507, 12, $"[{TagRenewal}]") },
        { "multi-select NotIn options", d => d.Tags.NotIn(Deal.TagsOption.Enterprise), Item(2014507, 13, $"[{TagEnterprise}]") },
        { "multi-select NotIn labels", d => d.Tags.NotIn("SMB", "Enterprise"), Item(2014507, 13, $"[{TagSmb}, {TagEnterprise}]") },
        { "multi-select IsEmpty", d => d.Tags.IsEmpty(), Item(2014507, 7) },
        { "multi-select IsNotEmpty", d => d.Tags.IsNotEmpty(), Item(2014507, 8) },

        // User: [{id}] with the id as a string
        { "user Is id", d => d.Owner.Is(109725), Item(2014509, 3, """[{ "id": "109725" }]""") },
        { "user Is user", d => d.Owner.Is(Rose), Item(2014509, 3, """[{ "id": "109731" }]""") },
        { "user IsNot id", d => d.Owner.IsNot(109731), Item(2014509, 4, """[{ "id": "109731" }]""") },
        { "user IsNot user", d => d.Owner.IsNot(Fadi), Item(2014509, 4, """[{ "id": "109725" }]""") },
        { "user In ids", d => d.Owner.In(109725, 109731), Item(2014509, 12, """[{ "id": "109725" }, { "id": "109731" }]""") },
        { "user In users", d => d.Owner.In(Rose, Fadi), Item(2014509, 12, """[{ "id": "109731" }, { "id": "109725" }]""") },
        { "user NotIn ids", d => d.Owner.NotIn(109731), Item(2014509, 13, """[{ "id": "109731" }]""") },
        { "user NotIn users", d => d.Owner.NotIn(Fadi), Item(2014509, 13, """[{ "id": "109725" }]""") },
        { "user IsEmpty", d => d.Owner.IsEmpty(), Item(2014509, 7) },
        { "user IsNotEmpty", d => d.Owner.IsNotEmpty(), Item(2014509, 8) },
        { "system user Is", d => d.Creator.Is(Fadi), Item(2014513, 3, """[{ "id": "109725" }]""") },

        // MultiUser
        { "multi-user Contains id", d => d.Watchers.Contains(109731), Item(2014510, 1, """[{ "id": "109731" }]""") },
        { "multi-user Contains user", d => d.Watchers.Contains(Fadi), Item(2014510, 1, """[{ "id": "109725" }]""") },
        { "multi-user In ids", d => d.Watchers.In(109725, 109731), Item(2014510, 12, """[{ "id": "109725" }, { "id": "109731" }]""") },
        { "multi-user In users", d => d.Watchers.In(Rose), Item(2014510, 12, """[{ "id": "109731" }]""") },
        { "multi-user NotIn ids", d => d.Watchers.NotIn(109725), Item(2014510, 13, """[{ "id": "109725" }]""") },
        { "multi-user NotIn users", d => d.Watchers.NotIn(Fadi, Rose), Item(2014510, 13, """[{ "id": "109725" }, { "id": "109731" }]""") },
        { "multi-user IsEmpty", d => d.Watchers.IsEmpty(), Item(2014510, 7) },
        { "multi-user IsNotEmpty", d => d.Watchers.IsNotEmpty(), Item(2014510, 8) },

        // LinkList to a generated list: a record sends its label, a bare id does not
        { "link Is record", d => d.Company.Is(Acme), Item(2014508, 3, $$"""[{ "_id": "{{AcmeId}}", "label": "Acme Corp" }]""") },
        { "link Is id", d => d.Company.Is(AcmeId), Item(2014508, 3, $$"""[{ "_id": "{{AcmeId}}" }]""") },
        { "link IsNot record", d => d.Company.IsNot(Acme), Item(2014508, 4, $$"""[{ "_id": "{{AcmeId}}", "label": "Acme Corp" }]""") },
        { "link IsNot id", d => d.Company.IsNot(AcmeId), Item(2014508, 4, $$"""[{ "_id": "{{AcmeId}}" }]""") },
        { "link Is record without a label", d => d.Company.Is(new Company(AcmeId, null)), Item(2014508, 3, $$"""[{ "_id": "{{AcmeId}}" }]""") },
        { "link IsEmpty", d => d.Company.IsEmpty(), Item(2014508, 7) },
        { "link IsNotEmpty", d => d.Company.IsNotEmpty(), Item(2014508, 8) },

        // File and CheckList: emptiness only
        { "file IsEmpty", d => d.Contract.IsEmpty(), Item(2014518, 7) },
        { "file IsNotEmpty", d => d.Contract.IsNotEmpty(), Item(2014518, 8) },
        { "check list IsEmpty", d => d.NextSteps.IsEmpty(), Item(2014524, 7) },
        { "check list IsNotEmpty", d => d.NextSteps.IsNotEmpty(), Item(2014524, 8) },
    };

    // The generated Company links to Deal, which has a snapshot here; the untyped descriptor (a link to a list
    // without one) is built over the same field.
    private static readonly LinkField<Company> UntypedDeals = new(Company.WorkiomSchema, 3416234);

    public static TheoryData<string, Func<Company.QueryFields, FilterCondition<Company>>, string> CompanyConditions => new()
    {
        { "untyped link Is id", c => UntypedDeals.Is("64432f26b032d10001e89d88"), Item(3416234, 3, """[{ "_id": "64432f26b032d10001e89d88" }]""") },
        {
            "untyped link Is link", c => UntypedDeals.Is(new WorkiomLink("64432f26b032d10001e89d88", "Acme renewal 2025")),
            Item(3416234, 3, """[{ "_id": "64432f26b032d10001e89d88", "label": "Acme renewal 2025" }]""")
        },
        { "untyped link IsNot id", c => UntypedDeals.IsNot("64440b685b8b7f000115f7fc"), Item(3416234, 4, """[{ "_id": "64440b685b8b7f000115f7fc" }]""") },
        { "untyped link IsNot link", c => UntypedDeals.IsNot(new WorkiomLink("64440b685b8b7f000115f7fc")), Item(3416234, 4, """[{ "_id": "64440b685b8b7f000115f7fc" }]""") },
        { "untyped link IsEmpty", c => UntypedDeals.IsEmpty(), Item(3416234, 7) },
        { "untyped link IsNotEmpty", c => UntypedDeals.IsNotEmpty(), Item(3416234, 8) },
        { "count >", c => c.OpenDeals > 0, Item(3416235, 5, "0") },
        { "raw IsEmpty", c => c.HQ.IsEmpty(), Item(3416236, 7) },
        { "raw IsNotEmpty", c => c.HQ.IsNotEmpty(), Item(3416236, 8) },
        { "signature IsEmpty", c => c.SignedNDA.IsEmpty(), Item(3416237, 7) },
        { "signature IsNotEmpty", c => c.SignedNDA.IsNotEmpty(), Item(3416237, 8) },
        { "logo IsNotEmpty", c => c.Logo.IsNotEmpty(), Item(3416231, 8) },
    };

    [Theory]
    [MemberData(nameof(DealConditions))]
    public void Each_deal_condition_writes_its_filter_item(string name, Func<Deal.QueryFields, FilterCondition<Deal>> condition, string expectedItem)
    {
        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create().Where(condition);

        JsonAssert.Equal(Body(DealsListId, expectedItem), query.ToRequestJson(0, 200));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Theory]
    [MemberData(nameof(CompanyConditions))]
    public void Each_company_condition_writes_its_filter_item(string name, Func<Company.QueryFields, FilterCondition<Company>> condition, string expectedItem)
    {
        var query = WorkiomQuery<Company, Company.QueryFields>.Create().Where(condition);

        JsonAssert.Equal(Body(CompaniesListId, expectedItem), query.ToRequestJson(0, 200));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void A_query_with_nothing_set_writes_the_no_limit_values()
    {
        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create();

        JsonAssert.Equal(Body(DealsListId, items: string.Empty, maxResultCount: 50, skipCount: 150), query.ToRequestJson(150, 50));
    }

    [Fact]
    public void Or_writes_filter_collection_operator_1()
    {
        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create()
            .Where(d => d.Stage == Deal.StageOption.Won || d.Amount > 100000 || d.IsStrategic == true);

        var expected = Body(
            DealsListId,
            $"{Item(2014505, 3, $"[{StageWon}]")}, {Item(2014503, 5, "100000")}, {Item(2014517, 3, "true")}",
            filterCollectionOperator: 1);
        JsonAssert.Equal(expected, query.ToRequestJson(0, 200));
    }

    [Fact]
    public void Bitwise_and_and_several_where_calls_write_one_flat_and_filter()
    {
        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create()
            .Where(d => d.Amount > 1000 & d.Tags.Contains(Deal.TagsOption.Renewal))
            .Where(d => d.Owner.Is(109725));

        var expected = Body(
            DealsListId,
            $"{Item(2014503, 5, "1000")}, {Item(2014507, 1, $"[{TagRenewal}]")}, {Item(2014509, 3, """[{ "id": "109725" }]""")}");
        JsonAssert.Equal(expected, query.ToRequestJson(0, 200));
    }

    [Fact]
    public void Every_other_key_is_written_as_the_query_sets_it()
    {
        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create()
            .Where(d => d.Amount >= 500)
            .OrderByDescending(d => d.NextMeeting)
            .Select(d => new IWorkiomField[] { d.DealName, d.Amount, d.DealName })
            .WithIds("64432f26b032d10001e89d88", "64440b685b8b7f000115f7fc")
            .Search("acme")
            .WithLinkedItemsLimit(5);

        var expected = Body(
            DealsListId,
            Item(2014503, 9, "500"),
            sorting: "\"2014512 DESC\"",
            projectedFields: "[2014502, 2014503]",
            ids: """["64432f26b032d10001e89d88", "64440b685b8b7f000115f7fc"]""",
            quickSearch: "\"acme\"",
            linkedItemsLimit: "5",
            maxResultCount: 10000,
            skipCount: 20000);
        JsonAssert.Equal(expected, query.ToRequestJson(20000, 10000));
    }

    [Fact]
    public void The_fixture_request_is_reproduced_from_a_typed_query()
    {
        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create()
            .Where(d => d.Stage.In(Deal.StageOption.Qualified, Deal.StageOption.ProposalSent)
                && d.Amount >= 10000
                && d.Company.Is(Acme)
                && d.ContactEmail.IsNotEmpty())
            .OrderBy(d => d.ExpectedClose)
            .Select(d => new IWorkiomField[] { d.DealName, d.Amount, d.Stage, d.Company, d.Owner });

        // The fixture also carries a saved view's filter (viewFilter), which typed queries do not write.
        var fixture = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "data-all.request.json")))!.AsObject();
        Assert.True(fixture.Remove("viewFilter"));
        Assert.True(fixture.Remove("viewFilterCollectionOperator"));

        JsonAssert.Equal(fixture.ToJsonString(), query.ToRequestJson(0, 200));
    }

    [Fact]
    public void The_fixture_view_filter_value_for_a_user_matches_what_user_in_writes()
    {
        var fixture = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "data-all.request.json")))!;
        var viewFilter = fixture["viewFilter"]![0]!;

        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create().Where(d => d.Owner.In(109725));
        var written = System.Text.Json.Nodes.JsonNode.Parse(query.ToRequestJson(0, 200))!["filter"]![0]!;

        Assert.Equal((int)viewFilter["fieldId"]!, (int)written["fieldId"]!);
        Assert.Equal((int)viewFilter["operator"]!, (int)written["operator"]!);
        JsonAssert.Equal(viewFilter["value"]!.ToJsonString(), written["value"]!.ToJsonString());
    }
}
