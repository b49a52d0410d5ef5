using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class LinkTests
{
    [Fact]
    public async Task Linking_a_deal_lists_it_on_the_company_and_unlinking_removes_it()
    {
        await using var host = await TestEmulator.StartAsync();
        var acme = await host.CreateCompanyAsync("Acme");
        var globex = await host.CreateCompanyAsync("Globex");
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Mirrored", [Ids.Company] = new JsonArray(acme) });
        var dealId = deal["_id"]!.GetValue<string>();

        var linked = (await host.GetRecordAsync(Ids.Companies, acme)).Record;
        await host.PutAsync($"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={dealId}", new JsonObject { [Ids.Company] = new JsonArray(globex) });
        var unlinked = (await host.GetRecordAsync(Ids.Companies, acme)).Record;
        var relinked = (await host.GetRecordAsync(Ids.Companies, globex)).Record;

        Assert.Equal([dealId], linked[Ids.CompanyDeals]!.AsArray().Select(l => l!["_id"]!.GetValue<string>()));
        Assert.Equal("Mirrored", linked[Ids.CompanyDeals]![0]!["label"]!.GetValue<string>());
        Assert.Equal(1, linked[Ids.OpenDeals]!.GetValue<int>());
        Assert.Empty(unlinked[Ids.CompanyDeals]!.AsArray());
        Assert.Equal(0, unlinked[Ids.OpenDeals]!.GetValue<int>());
        Assert.Equal(1, relinked[Ids.OpenDeals]!.GetValue<int>());
    }

    [Fact]
    public async Task Writing_the_company_side_links_the_deals_back()
    {
        await using var host = await TestEmulator.StartAsync();
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "From the other side" });
        var company = await host.CreateAsync(Ids.Companies, new JsonObject { [Ids.CompanyName] = "Initech", [Ids.CompanyDeals] = new JsonArray(deal["_id"]!.GetValue<string>()) });

        var read = (await host.GetRecordAsync(Ids.Deals, deal["_id"]!.GetValue<string>())).Record;

        Assert.Equal("Initech", read[Ids.Company]![0]!["label"]!.GetValue<string>());
        Assert.Equal(company.Id, read[Ids.Company]![0]!["_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task LinkedItemsLimit_caps_the_links_returned_per_value_but_not_what_filters_see()
    {
        await using var host = await TestEmulator.StartAsync();
        var companies = new JsonArray();
        for (var i = 0; i < 3; i++)
        {
            companies.Add(await host.CreateCompanyAsync("Company " + i));
        }

        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Many links", [Ids.Company] = companies });
        var lastCompany = companies[2]!.GetValue<string>();

        var capped = await host.DataAllAsync(new JsonObject
        {
            ["linkedItemsLimit"] = 1,
            ["filter"] = new JsonArray(new JsonObject { ["fieldId"] = 2014508, ["operator"] = 3, ["value"] = new JsonArray(new JsonObject { ["_id"] = lastCompany }) }),
        });
        var uncapped = await host.DataAllAsync(new JsonObject { ["linkedItemsLimit"] = null });
        var negative = await host.DataAllAsync(new JsonObject { ["linkedItemsLimit"] = -1 });

        Assert.Equal(1, capped.Result!["totalCount"]!.GetValue<int>());
        Assert.Equal("Company 0", Assert.Single(capped.Result!["items"]![0]![Ids.Company]!.AsArray())!["label"]!.GetValue<string>());
        Assert.Equal(3, uncapped.Result!["items"]![0]![Ids.Company]!.AsArray().Count);
        Assert.False(negative.Success);
    }
}
