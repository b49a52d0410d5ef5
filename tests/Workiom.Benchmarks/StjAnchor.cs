using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workiom.Benchmarks;

/// <summary>
/// The anchor of the read and write benchmarks: the deal as a user would write it without the
/// generator, a plain class with <see cref="JsonPropertyNameAttribute"/> field ids (nested classes
/// for options, users, links, files and checklist items), serialised by System.Text.Json's source
/// generator (<see cref="StjAnchorContext"/>). Properties are declared in the order the generated
/// writer writes its fields, so that both write the same payload.
/// </summary>
public sealed class StjDeal
{
    [JsonPropertyName("_id")] public string? Id { get; set; }
    [JsonPropertyName("2014502")] public string? DealName { get; set; }
    [JsonPropertyName("2014503")] public decimal? Amount { get; set; }
    [JsonPropertyName("2014504")] public decimal? Probability { get; set; }
    [JsonPropertyName("2014505")] public StjOption? Stage { get; set; }
    [JsonPropertyName("2014506")] public StjOption? Source { get; set; }
    [JsonPropertyName("2014507")] public List<StjOption>? Tags { get; set; }
    [JsonPropertyName("2014508")] public List<StjLink>? Company { get; set; }
    [JsonPropertyName("2014509")] public StjUser? Owner { get; set; }
    [JsonPropertyName("2014510")] public List<StjUser>? Watchers { get; set; }
    [JsonPropertyName("2014511")] public DateTimeOffset? ExpectedClose { get; set; }
    [JsonPropertyName("2014512")] public DateTimeOffset? NextMeeting { get; set; }
    [JsonPropertyName("2014517")] public bool? IsStrategic { get; set; }
    [JsonPropertyName("2014518")] public List<StjFile>? Contract { get; set; }
    [JsonPropertyName("2014519")] public string? ContactEmail { get; set; }
    [JsonPropertyName("2014521")] public string? ContactPhone { get; set; }
    [JsonPropertyName("2014522")] public string? Website { get; set; }
    [JsonPropertyName("2014524")] public List<StjCheckListItem>? NextSteps { get; set; }
    [JsonPropertyName("2014525")] public decimal? Completion { get; set; }

    // Read-only fields (system fields, formulas, rollups): null on the objects the benchmark writes.
    [JsonPropertyName("2014523")] public long? DealNo { get; set; }
    [JsonPropertyName("2014526")] public JsonElement? CompanyEmployees { get; set; }
    [JsonPropertyName("2014527")] public decimal? WeightedAmount { get; set; }
    [JsonPropertyName("2014513")] public StjUser? Creator { get; set; }
    [JsonPropertyName("2014514")] public DateTimeOffset? CreationDate { get; set; }
    [JsonPropertyName("2014515")] public StjUser? LastUpdater { get; set; }
    [JsonPropertyName("2014516")] public DateTimeOffset? LastModifyDate { get; set; }
    [JsonPropertyName("2014520")] public DateTimeOffset? LastActivityDate { get; set; }
}

public sealed class StjOption
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("order")] public int? Order { get; set; }
    [JsonPropertyName("color")] public string? Color { get; set; }
    [JsonPropertyName("isClosed")] public bool? IsClosed { get; set; }
}

public sealed class StjLink
{
    [JsonPropertyName("_id")] public string? Id { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
}

public sealed class StjUser
{
    /// <summary>Workiom sends it as a string ("109725"): read through the context's number handling.</summary>
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("username")] public string? UserName { get; set; }
    [JsonPropertyName("fullname")] public string? FullName { get; set; }
    [JsonPropertyName("emailAddress")] public string? EmailAddress { get; set; }
    [JsonPropertyName("userType")] public int? UserType { get; set; }
    [JsonPropertyName("isActive")] public bool? IsActive { get; set; }
}

public sealed class StjFile
{
    [JsonPropertyName("_id")] public string? Id { get; set; }
    [JsonPropertyName("FileToken")] public string? FileToken { get; set; }
    [JsonPropertyName("FileName")] public string? FileName { get; set; }
    [JsonPropertyName("ContentType")] public string? ContentType { get; set; }
    [JsonPropertyName("Size")] public long? Size { get; set; }
    [JsonPropertyName("HasThumbnail")] public bool HasThumbnail { get; set; }
    [JsonPropertyName("IsImage")] public bool IsImage { get; set; }
    [JsonPropertyName("FileUrl")] public string? FileUrl { get; set; }
    [JsonPropertyName("ThumbnailUrl")] public string? ThumbnailUrl { get; set; }
}

public sealed class StjCheckListItem
{
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("check")] public bool Check { get; set; }
}

/// <summary>The page envelope, <c>{"result": {"items": [...], "totalCount": n}}</c>.</summary>
public sealed class StjPage
{
    [JsonPropertyName("result")] public StjPageResult? Result { get; set; }
}

public sealed class StjPageResult
{
    [JsonPropertyName("items")] public List<StjDeal>? Items { get; set; }
    [JsonPropertyName("totalCount")] public int TotalCount { get; set; }
}

/// <summary>
/// The source-generated context: numbers may come as strings (user ids do), nulls are not written
/// (a create body holds only the fields that have a value).
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StjDeal))]
[JsonSerializable(typeof(StjPage))]
public sealed partial class StjAnchorContext : JsonSerializerContext
{
}

/// <summary>The anchor's deals: the write benchmark's sample deal, as the POCO.</summary>
public static class StjSamples
{
    public static StjDeal NewDeal(int index = -1) => new()
    {
        DealName = index < 0 ? "Initech expansion" : $"Initech expansion {index}",
        Amount = index < 0 ? 45000m : 45000m + index,
        Probability = 25m,
        Stage = new StjOption { Id = "a2830957-96e5-4709-aca0-df06fa3aafc3", Label = "Qualified" },
        Source = new StjOption { Id = "19757813-ec9a-4449-8683-0938202504d0", Label = "Referral" },
        Tags =
        [
            new StjOption { Id = "345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5", Label = "Enterprise" },
            new StjOption { Id = "50809651-e07a-451b-b78f-dae672541529", Label = "Renewal" },
        ],
        Company = [new StjLink { Id = "67691cd5f8193dc8b9430e98", Label = "Initech" }],
        Owner = new StjUser { Id = 109725, UserName = "Fadi Alsayed" },
        ExpectedClose = new DateTimeOffset(2025, 9, 30, 0, 0, 0, TimeSpan.Zero),
        IsStrategic = false,
        ContactEmail = "it@initech.example",
        ContactPhone = "+1 415 555 0100",
        Website = "https://initech.example",
        NextSteps =
        [
            new StjCheckListItem { Label = "Kick-off call", Check = false },
            new StjCheckListItem { Label = "Legal review", Check = true },
        ],
        Completion = 40m,
    };
}
