using System.Text;
using System.Text.Json;
using Workiom.Emulator;
using Workiom.Http;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>
/// An emulator seeded with a small, deliberate data set through the client, so every filter has
/// records it must find and records it must leave out.
/// Companies: Acme (Software, 850 people, HQ Berlin, logo, signed NDA), Globex (Logistics, 1200,
/// HQ Springfield), Idle (nothing but a name).
/// Deals: D1 "Acme renewal" (full), D2 "Globex pilot" (most fields), D3 "Initech expansion"
/// (linked to Acme, a few fields), D4 "Bare deal" (name only).
/// </summary>
public sealed class SeededEmulator : IAsyncLifetime
{
    public static readonly WorkiomUser Admin = new(EmulatorUser.Default.Id, EmulatorUser.Default.FullName);
    public static readonly WorkiomUser Sara = new(200001, "Sara Haddad");
    public static readonly WorkiomUser Omar = new(200002, "Omar Nasser");

    private WorkiomEmulator? _emulator;
    private WorkiomClient? _client;

    public WorkiomEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public WorkiomClient Client => _client ?? throw new InvalidOperationException("The emulator has not started.");

    public Company Acme { get; private set; } = null!;

    public Company Globex { get; private set; } = null!;

    public Company Idle { get; private set; } = null!;

    public Deal D1 { get; private set; } = null!;

    public Deal D2 { get; private set; } = null!;

    public Deal D3 { get; private set; } = null!;

    public Deal D4 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = { EmulatorFixture.SchemaDirectory },
            Users =
            {
                EmulatorUser.Default,
                new EmulatorUser(Sara.Id, "default", "sara", "sara-pass", Sara.FullName!, "sara@example.com"),
                new EmulatorUser(Omar.Id, "default", "omar", "omar-pass", Omar.FullName!, "omar@example.com"),
            },
        });
        _client = Clients.For(_emulator);
        var companies = Client.Companies();
        var deals = Client.Deals();

        WorkiomFile logo;
        using (var png = new MemoryStream(Encoding.UTF8.GetBytes("not really a png")))
        {
            logo = await Client.UploadFileAsync(png, "acme-logo.png", "image/png", default);
        }

        Acme = await companies.CreateAsync(new Company
        {
            CompanyName = "Acme Corp",
            Industry = Company.IndustryOption.Software,
            Employees = 850,
            HQ = Json("""{"label":"Berlin, Germany"}"""),
            Logo = { logo },
            SignedNDA = { new WorkiomFile("nda-acme.png") { Id = "sig1" } },
        }, default);
        Globex = await companies.CreateAsync(new Company
        {
            CompanyName = "Globex",
            Industry = Company.IndustryOption.Logistics,
            Employees = 1200,
            HQ = Json("""{"label":"Springfield"}"""),
        }, default);
        Idle = await companies.CreateAsync(new Company { CompanyName = "Idle Inc" }, default);

        WorkiomFile contract;
        using (var pdf = new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.4 contract")))
        {
            contract = await Client.UploadFileAsync(pdf, "contract.pdf", "application/pdf", default);
        }

        var d1 = new Deal
        {
            DealName = "Acme renewal",
            Amount = 120_000m,
            Probability = 40,
            Stage = Deal.StageOption.ProposalSent,
            Source = Deal.SourceOption.Referral,
            Tags = { Deal.TagsOption.Enterprise, Deal.TagsOption.Renewal },
            Owner = Admin,
            Watchers = { Sara, Omar },
            ExpectedClose = new DateOnly(2025, 6, 30),
            NextMeeting = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero),
            IsStrategic = true,
            Contract = { contract },
            ContactEmail = "buyer@acme.example",
            ContactPhone = "+49 30 1234",
            Website = "https://acme.example",
            NextSteps = { new CheckListItem("Send proposal"), new CheckListItem("Legal review", Checked: true) },
            Completion = 50,
        };
        d1.Company.Add(Acme);
        D1 = await deals.CreateAsync(d1, default);

        var d2 = new Deal
        {
            DealName = "Globex pilot",
            Amount = 62_500m,
            Probability = 60,
            Stage = Deal.StageOption.Qualified,
            Source = Deal.SourceOption.Website,
            Tags = { Deal.TagsOption.SMB },
            Owner = Sara,
            Watchers = { Omar },
            ExpectedClose = new DateOnly(2025, 7, 15),
            NextMeeting = new DateTimeOffset(2025, 7, 1, 15, 30, 0, TimeSpan.Zero),
            IsStrategic = false,
            ContactEmail = "ops@globex.example",
            ContactPhone = "+1 555 0100",
            Completion = 20,
        };
        d2.Company.Add(Globex);
        D2 = await deals.CreateAsync(d2, default);

        var d3 = new Deal
        {
            DealName = "Initech expansion",
            Amount = 45_000m,
            Stage = Deal.StageOption.Lead,
            IsStrategic = false,
            ExpectedClose = new DateOnly(2025, 9, 30),
        };
        d3.Company.Add(Acme);
        D3 = await deals.CreateAsync(d3, default);

        D4 = await deals.CreateAsync(new Deal { DealName = "Bare deal" }, default);

        // Reload the companies: their Deals and Open Deals now reflect the links made from the deal side.
        Acme = await companies.GetAsync(Acme.Id!, default);
        Globex = await companies.GetAsync(Globex.Id!, default);
        Idle = await companies.GetAsync(Idle.Id!, default);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>The seeded record names a deal stands for: D1..D4.</summary>
    public string Name(Deal deal) =>
        deal.Id == D1.Id ? "D1" : deal.Id == D2.Id ? "D2" : deal.Id == D3.Id ? "D3" : deal.Id == D4.Id ? "D4" : "?" + deal.DealName;

    public string Name(Company company) =>
        company.Id == Acme.Id ? "Acme" : company.Id == Globex.Id ? "Globex" : company.Id == Idle.Id ? "Idle" : "?" + company.CompanyName;

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
