using System.Text.Json;
using Crm.Lists;
using Spectre.Console;
using Workiom;
using Workiom.Http;

namespace Crm;

/// <summary>What <see cref="EnvironmentTour.CloseADealAsync"/> did in one tenant.</summary>
/// <param name="ListId">The Deals list's id in the client's environment.</param>
/// <param name="Company">The company it created.</param>
/// <param name="Deal">The deal it created and won, as the update returned it.</param>
/// <param name="Won">The company's won deals, read back with a typed query.</param>
internal sealed record TenantRun(string ListId, Company Company, Deal Deal, IReadOnlyList<Deal> Won);

/// <summary>
/// One set of generated types against two tenants: the primary one (the ids of <c>schemas/</c>) and a staging
/// tenant with the same lists installed from a template (<c>schemas/staging/</c>: every list, field, option and
/// view id different, and "Deal Name" renamed "Deal Title"). The same method runs against both; only the
/// client's <see cref="WorkiomClientOptions.Environment"/> differs.
/// </summary>
internal sealed class EnvironmentTour(IAnsiConsole console)
{
    /// <summary>
    /// The business code, written once against the generated types: a company, a deal linked to it that is then
    /// won, and a typed query for the company's won deals. Nothing in it names a tenant or an id.
    /// </summary>
    public static async Task<TenantRun> CloseADealAsync(WorkiomClient client, CancellationToken cancellationToken)
    {
        var deals = client.Deals();
        var company = await client.Companies().CreateAsync(
            new Company { CompanyName = "Umbrella Corp", Industry = Company.IndustryOption.Software, Employees = 430 }, cancellationToken);

        var deal = new Deal { DealName = "Umbrella rollout", Amount = 75_000m, Stage = Deal.StageOption.Qualified };
        deal.Tags.Add(Deal.TagsOption.Enterprise);
        deal.Company.Add(company);
        deal = await deals.CreateAsync(deal, cancellationToken);

        deal.Stage = Deal.StageOption.Won;
        deal = await deals.UpdateAsync(deal, cancellationToken);

        var won = await deals.Where(d => d.Stage == Deal.StageOption.Won && d.Company.Is(company))
            .OrderBy(d => d.DealName)
            .ToListAsync(cancellationToken);
        return new TenantRun(deals.ListId, company, deal, won);
    }

    /// <summary>
    /// Runs <see cref="CloseADealAsync"/> against each tenant and prints, side by side, the ids each one used (as
    /// its store holds them) and the typed records read back, which are the same.
    /// </summary>
    /// <param name="tenants">Each tenant's name, client and a way to read a stored record's raw JSON by list and record id.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    public async Task<IReadOnlyList<TenantRun>> RunAsync(
        IReadOnlyList<(string Name, WorkiomClient Client, Func<string, string, CancellationToken, Task<string?>> StoredJson)> tenants,
        CancellationToken cancellationToken)
    {
        console.Write(new Rule("[bold]The same code against two tenants whose ids all differ[/]").LeftJustified());
        var table = new Table().AddColumn("");
        var rows = new List<string[]>
        {
            new[] { "Environment" },
            new[] { "Deals list id" },
            new[] { "Stored key of \"Deal Name\"" },
            new[] { "Stored id of stage \"Won\"" },
            new[] { "Typed record read back" },
        };

        var runs = new List<TenantRun>();
        foreach (var (name, client, storedJson) in tenants)
        {
            var run = await CloseADealAsync(client, cancellationToken);
            runs.Add(run);
            string? stored = await storedJson(run.ListId, run.Deal.Id!, cancellationToken);
            var (nameKey, wonId) = StoredIds(stored, run.Deal.DealName!);
            table.AddColumn(Markup.Escape(name));
            rows[0] = [.. rows[0], client.Options.Environment ?? "(default)"];
            rows[1] = [.. rows[1], run.ListId];
            rows[2] = [.. rows[2], nameKey ?? "?"];
            rows[3] = [.. rows[3], wonId ?? "?"];
            rows[4] = [.. rows[4], string.Join("; ", run.Won.Select(d => $"{d.DealName}, {d.Stage?.Label}, {string.Join(", ", d.Company.Select(c => c.Label))}"))];
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
        console.MarkupLine("One method, one set of types: the ids differ in every tenant, the C# and the records read back do not.");
        return runs;
    }

    /// <summary>In a stored record's raw JSON, the key that holds <paramref name="dealName"/> and the id of the "Won" option.</summary>
    internal static (string? NameKey, string? WonId) StoredIds(string? json, string dealName)
    {
        if (json is null)
        {
            return (null, null);
        }

        string? nameKey = null;
        string? wonId = null;
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.String && value.GetString() == dealName)
            {
                nameKey = property.Name;
            }
            else if (value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String && label.GetString() == "Won"
                && value.TryGetProperty("id", out var id))
            {
                wonId = id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
            }
        }

        return (nameKey, wonId);
    }
}
