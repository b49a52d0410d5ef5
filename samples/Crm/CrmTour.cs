using System.Globalization;
using System.Text;
using Crm.Lists;
using Spectre.Console;
using Workiom;
using Workiom.Http;

namespace Crm;

/// <summary>
/// The product end to end on the CRM lists: typed records, links, files, queries, updates. It writes its tables to
/// <paramref name="console"/> (the terminal in Program.cs; a recording console in samples/Crm.Tests).
/// </summary>
internal sealed class CrmTour(WorkiomClient client, IAnsiConsole console)
{
    private static readonly CultureInfo Display = CultureInfo.InvariantCulture;

    /// <summary>Creates linked companies and deals, attaches a file, updates one deal in part and deletes another.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var companies = client.Companies();
        var deals = client.Deals();

        Section("Create companies");
        var acme = await companies.CreateAsync(new Company { CompanyName = "Acme Corp", Industry = Company.IndustryOption.Software, Employees = 850 }, cancellationToken);
        var globex = await companies.CreateAsync(new Company { CompanyName = "Globex", Industry = Company.IndustryOption.Logistics, Employees = 1200 }, cancellationToken);
        var initech = await companies.CreateAsync(new Company { CompanyName = "Initech", Industry = Company.IndustryOption.Retail, Employees = 95 }, cancellationToken);
        var companyTable = new Table().AddColumns("Id", "Name", "Industry", "Employees");
        foreach (var company in new[] { acme, globex, initech })
        {
            companyTable.AddRow(company.Id!, Markup.Escape(company.CompanyName ?? ""), company.Industry?.Label ?? "", Number(company.Employees));
        }

        console.Write(companyTable);

        Section("Create deals linked to them");
        var owner = new WorkiomUser(109725, "Fadi Alsayed");
        var created = new List<Deal>();
        foreach (var (name, amount, stage, company, close) in new[]
        {
            ("Acme renewal 2025", 120_000m, Deal.StageOption.ProposalSent, acme, new DateOnly(2025, 6, 30)),
            ("Globex pilot", 62_500m, Deal.StageOption.Qualified, globex, new DateOnly(2025, 7, 15)),
            ("Initech expansion", 45_000m, Deal.StageOption.Lead, initech, new DateOnly(2025, 9, 30)),
            ("Acme support add-on", 18_000m, Deal.StageOption.Qualified, acme, new DateOnly(2025, 5, 31)),
            ("Globex warehouse rollout", 240_000m, Deal.StageOption.Lead, globex, new DateOnly(2025, 12, 1)),
        })
        {
            var deal = new Deal
            {
                DealName = name,
                Amount = amount,
                Probability = 40,
                Stage = stage,
                Source = Deal.SourceOption.Referral,
                Owner = owner,
                ExpectedClose = close,
                IsStrategic = amount >= 100_000m,
                NextSteps = { new CheckListItem("Send proposal"), new CheckListItem("Legal review") },
            };
            deal.Tags.Add(amount >= 100_000m ? Deal.TagsOption.Enterprise : Deal.TagsOption.SMB);
            deal.Company.Add(company);
            created.Add(await deals.CreateAsync(deal, cancellationToken));
        }

        console.Write(DealTable(created));

        Section("Upload a file and attach it to a deal");
        var contract = created[0];
        await using (var pdf = new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.4\n% Acme master services agreement\n")))
        {
            var uploaded = await client.UploadFileAsync(pdf, "acme-msa.pdf", "application/pdf", cancellationToken);
            contract.Contract.Add(uploaded);
        }

        contract = await deals.UpdateAsync(contract, cancellationToken);
        var stored = contract.Contract.Single();
        await using (var download = await client.DownloadFileAsync(stored.Id!, cancellationToken))
        {
            var bytes = new MemoryStream();
            await download.CopyToAsync(bytes, cancellationToken);
            console.MarkupLine($"Attached [bold]{Markup.Escape(stored.FileName)}[/] ({stored.Size} bytes) to {Markup.Escape(contract.DealName ?? "")}; downloaded {bytes.Length} bytes back.");
        }

        Section("Partial update: only the changed fields are sent");
        var won = created[1];
        won.Stage = Deal.StageOption.Won;
        won.Completion = 100;
        console.MarkupLine($"Changed fields of {Markup.Escape(won.DealName ?? "")}: {string.Join(", ", won.GetChangedFieldIds())}");
        won = await deals.UpdateAsync(won, cancellationToken);
        console.MarkupLine($"Now [green]{won.Stage?.Label}[/], completion {Number(won.Completion)}%, deal no. {won.DealNo}.");

        Section("Delete a deal");
        var lost = created[3];
        await deals.DeleteAsync(lost.Id!, cancellationToken);
        console.MarkupLine($"Deleted {Markup.Escape(lost.DealName ?? "")}; finding it again gives {(await deals.FindAsync(lost.Id!, cancellationToken) is null ? "nothing" : "a record")}.");
    }

    /// <summary>Typed queries: filters that compile only if Workiom can run them, sorting, paging, counting.</summary>
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var deals = client.Deals();

        Section("Open deals over 50,000, largest first");
        var open = deals.Where(d => d.Amount > 50_000m && d.Stage.NotIn(Deal.StageOption.Won, Deal.StageOption.Lost))
            .OrderByDescending(d => d.Amount);
        console.Write(DealTable(await open.ToListAsync(cancellationToken)));

        Section("Query syntax: strategic deals by expected close");
        var strategic = from d in deals.Query()
                        where d.IsStrategic == true
                        orderby d.ExpectedClose
                        select d;
        console.Write(DealTable(await strategic.ToListAsync(cancellationToken)));

        Section("Saved view \"Open pipeline (board)\", narrowed to deals over 10,000, with its summary");
        // The view's own filters (stage not Won or Lost) run on the server; Where narrows them further.
        var pipeline = deals.View(Deal.Views.OpenPipelineBoard).Where(d => d.Amount > 10_000m).OrderByDescending(d => d.Amount);
        var page = await pipeline.Take(10).ToPageAsync(cancellationToken);   // one request: records, total count and summary
        console.Write(DealTable(page.Records));
        console.MarkupLine($"{page.TotalCount} deals match; their amounts total {Number(page.Summary.Get(Deal.Fields.Amount))}.");
        var summary = await deals.View(Deal.Views.AllDeals).SummaryAsync(cancellationToken);
        console.MarkupLine($"Every deal (view \"All deals\"): amounts total {Number(summary.Get(Deal.Fields.Amount))}.");

        Section("Saved view \"Large companies\"");
        var large = await client.Companies().View(Company.Views.LargeCompanies).OrderBy(c => c.CompanyName).ToListAsync(cancellationToken);
        console.MarkupLine(large.Count == 0 ? "No company has more than 100 employees."
            : string.Join(", ", large.Select(c => Markup.Escape($"{c.CompanyName} ({Number(c.Employees)})"))));

        Section("Every deal, streamed page by page");
        int count = await deals.Query().CountAsync(cancellationToken);
        var table = new Table().AddColumns("#", "Deal", "Stage");
        int index = 0;
        await foreach (var deal in deals.Query().OrderBy(d => d.DealName).AsAsyncEnumerable(cancellationToken))
        {
            table.AddRow((++index).ToString(Display), Markup.Escape(deal.DealName ?? ""), deal.Stage?.Label ?? "");
        }

        console.Write(table);
        console.MarkupLine($"{count} deals in the list, read in pages of {client.Options.PageSize}.");
    }

    private static Table DealTable(IEnumerable<Deal> deals)
    {
        var table = new Table().AddColumns("No.", "Deal", "Amount", "Stage", "Company", "Close", "Tags");
        foreach (var deal in deals)
        {
            table.AddRow(
                deal.DealNo?.ToString(Display) ?? "",
                Markup.Escape(deal.DealName ?? ""),
                Number(deal.Amount),
                deal.Stage?.Label ?? "",
                Markup.Escape(string.Join(", ", deal.Company.Select(c => c.Label))),
                deal.ExpectedClose?.ToString("yyyy-MM-dd", Display) ?? "",
                Markup.Escape(string.Join(", ", deal.Tags.Select(t => t.Label))));
        }

        return table;
    }

    private static string Number(decimal? value) => value?.ToString("#,0.##", Display) ?? "";

    private void Section(string title) => console.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
}
