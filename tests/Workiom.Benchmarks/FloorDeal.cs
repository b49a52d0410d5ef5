using System.Text.Json;

namespace Workiom.Benchmarks;

/// <summary>
/// The floor of reading a deal: a plain class with the same typed values the generated Deal holds,
/// filled by a hand-written reader that knows the field ids by heart and skips everything else.
/// </summary>
public sealed class FloorDeal
{
    public string? Id;
    public string? DealName;
    public decimal? Amount, Probability, Completion, CompanyEmployees, WeightedAmount, DealNo;
    public (string Id, string Label)? Stage, Source;
    public List<(string Id, string Label)> Tags = new(), Company = new();
    public (long Id, string Name)? Owner, Creator, LastUpdater;
    public List<(long Id, string Name)> Watchers = new();
    public DateTimeOffset? ExpectedClose, NextMeeting, CreationDate, LastModifyDate, LastActivityDate;
    public bool? IsStrategic;
    public List<(string Id, string Name, long Size)> Contract = new();
    public string? ContactEmail, ContactPhone, Website;
    public List<(string Label, bool Check)> NextSteps = new();

    public static FloorDeal Read(ref Utf8JsonReader reader)
    {
        var deal = new FloorDeal();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("_id"u8))
            {
                reader.Read();
                deal.Id = reader.GetString();
                continue;
            }

            if (!Utf8Int(ref reader, out int fieldId))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue; // every field starts empty
            }

            switch (fieldId)
            {
                case 2014502: deal.DealName = reader.GetString(); break;
                case 2014503: deal.Amount = Number(ref reader); break;
                case 2014504: deal.Probability = Number(ref reader); break;
                case 2014525: deal.Completion = Number(ref reader); break;
                case 2014526: deal.CompanyEmployees = Number(ref reader); break;
                case 2014527: deal.WeightedAmount = Number(ref reader); break;
                case 2014523: deal.DealNo = Number(ref reader); break;
                case 2014505: deal.Stage = Option(ref reader); break;
                case 2014506: deal.Source = Option(ref reader); break;
                case 2014507: Options(ref reader, deal.Tags, "id"u8); break;
                case 2014508: Options(ref reader, deal.Company, "_id"u8); break;
                case 2014509: deal.Owner = User(ref reader); break;
                case 2014513: deal.Creator = User(ref reader); break;
                case 2014515: deal.LastUpdater = User(ref reader); break;
                case 2014510:
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        deal.Watchers.Add(User(ref reader)!.Value);
                    }

                    break;
                case 2014511: deal.ExpectedClose = Date(ref reader); break;
                case 2014512: deal.NextMeeting = Date(ref reader); break;
                case 2014514: deal.CreationDate = Date(ref reader); break;
                case 2014516: deal.LastModifyDate = Date(ref reader); break;
                case 2014520: deal.LastActivityDate = Date(ref reader); break;
                case 2014517: deal.IsStrategic = reader.TokenType == JsonTokenType.Null ? null : reader.GetBoolean(); break;
                case 2014519: deal.ContactEmail = reader.GetString(); break;
                case 2014521: deal.ContactPhone = reader.GetString(); break;
                case 2014522: deal.Website = reader.GetString(); break;
                case 2014518:
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        string id = "", name = "";
                        long size = 0;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("_id"u8)) { reader.Read(); id = reader.GetString()!; }
                            else if (reader.ValueTextEquals("FileName"u8)) { reader.Read(); name = reader.GetString()!; }
                            else if (reader.ValueTextEquals("Size"u8)) { reader.Read(); size = reader.GetInt64(); }
                            else { reader.Read(); reader.Skip(); }
                        }

                        deal.Contract.Add((id, name, size));
                    }

                    break;
                case 2014524:
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        string label = "";
                        bool check = false;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("label"u8)) { reader.Read(); label = reader.GetString()!; }
                            else if (reader.ValueTextEquals("check"u8)) { reader.Read(); check = reader.GetBoolean(); }
                            else { reader.Read(); reader.Skip(); }
                        }

                        deal.NextSteps.Add((label, check));
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return deal;
    }

    private static bool Utf8Int(ref Utf8JsonReader reader, out int value) =>
        System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out value, out int consumed) && consumed == reader.ValueSpan.Length;

    private static decimal? Number(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetDecimal();

    private static DateTimeOffset? Date(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();

    private static (string Id, string Label)? Option(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        string id = "", label = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { reader.Read(); id = reader.GetString()!; }
            else if (reader.ValueTextEquals("label"u8)) { reader.Read(); label = reader.GetString()!; }
            else { reader.Read(); reader.Skip(); }
        }

        return (id, label);
    }

    private static void Options(ref Utf8JsonReader reader, List<(string Id, string Label)> into, ReadOnlySpan<byte> idName)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string id = "", label = "";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(idName)) { reader.Read(); id = reader.GetString()!; }
                else if (reader.ValueTextEquals("label"u8)) { reader.Read(); label = reader.GetString()!; }
                else { reader.Read(); reader.Skip(); }
            }

            into.Add((id, label));
        }
    }

    private static (long Id, string Name)? User(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        long id = 0;
        string name = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { reader.Read(); id = long.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture); }
            else if (reader.ValueTextEquals("fullname"u8)) { reader.Read(); name = reader.GetString()!; }
            else { reader.Read(); reader.Skip(); }
        }

        return (id, name);
    }
}
