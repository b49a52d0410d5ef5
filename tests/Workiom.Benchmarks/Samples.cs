using Workiom.Benchmarks.Lists;

namespace Workiom.Benchmarks;

/// <summary>The record every write benchmark writes: a deal with a value in each writable kind of field.</summary>
public static class Samples
{
    public static Deal NewDeal()
    {
        var deal = new Deal
        {
            DealName = "Initech expansion",
            Amount = 45000m,
            Probability = 25,
            Stage = Deal.StageOption.Qualified,
            Source = Deal.SourceOption.Referral,
            Owner = new WorkiomUser(109725, "Fadi Alsayed"),
            ExpectedClose = new DateOnly(2025, 9, 30),
            IsStrategic = false,
            ContactEmail = "it@initech.example",
            ContactPhone = "+1 415 555 0100",
            Website = "https://initech.example",
            Completion = 40,
        };
        deal.Tags.Add(Deal.TagsOption.Enterprise);
        deal.Tags.Add(Deal.TagsOption.Renewal);
        deal.Company.Add(new WorkiomLink("67691cd5f8193dc8b9430e98", "Initech"));
        deal.NextSteps.Add(new CheckListItem("Kick-off call"));
        deal.NextSteps.Add(new CheckListItem("Legal review", true));
        return deal;
    }
}
