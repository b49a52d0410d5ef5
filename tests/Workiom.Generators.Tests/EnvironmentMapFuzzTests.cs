using Workiom.Generators.Environments;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>Whatever a mapping file holds, reading and matching it never throws, and every diagnostic points inside the file.</summary>
public class EnvironmentMapFuzzTests
{
    private const string Seed = """
        { "environment": "staging",
          "lists": {
            "b2a42566-eb5c-40bb-15d8-08d601df4183": {
              "listId": "e0000000-0000-0000-0000-00000000dea1",
              "fields":  { "2014502": 3014502, "2014503": null, "2014504": "3014504" },
              "options": { "2014505": { "8bf54526-6762-42e8-a326-c62a77894506": "env-8bf54526-6762-42e8-a326-c62a77894506", "c1818389-a77d-468f-92e5-7f47fff6f3b8": null } },
              "views":   { "535375": 1535375, "535376": null } } } }
        """;

    private static readonly string[] Fragments =
    {
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "0", "1e99", "\"\"", "\"x\"", "\\u0000", "\"\\ud800\"", "{}", "[]", "\n", "\u2028",
        "\"fields\"", "\"options\"", "\"views\"", "\"listId\"", "\"lists\"", "2147483648", "\"2014502\"", "99999999999999999999",
    };

    [Fact]
    public void Mutated_mapping_files_never_throw_and_diagnostics_stay_inside_the_file()
    {
        var primary = SnapshotOutline.Read("/p/deals.json", Fixtures.Deals().Text).Outline!;
        var staging = SnapshotOutline.Read("/e/deals.json", EnvironmentFixtures.Deals().Text).Outline!;
        var random = new Random(1515);
        for (int i = 0; i < 3000; i++)
        {
            string text = Mutate(Seed, random);
            var read = EnvironmentMap.Read("/e/workiom-map.json", text);
            var match = EnvironmentMatcher.Match("staging", new[] { primary }, new[] { staging }, read.Map);

            foreach (var diagnostic in read.Diagnostics.Concat(match.Diagnostics.Where(d => d.Path == "/e/workiom-map.json")))
            {
                Assert.InRange(diagnostic.Start, 0, text.Length);
                Assert.InRange(diagnostic.Start + diagnostic.Length, diagnostic.Start, text.Length);
            }

            Assert.Single(match.Lists);
            var list = match.Lists[0];
            if (list.Environment is not null)
            {
                // No environment id is taken twice, whatever the map says.
                Assert.Equal(list.Fields.Count(f => f.IsMatched), list.Fields.Where(f => f.IsMatched).Select(f => f.Environment!.Id).Distinct().Count());
                Assert.Equal(list.Views.Count(v => v.IsMatched), list.Views.Where(v => v.IsMatched).Select(v => v.Environment!.Id).Distinct().Count());
                Assert.Equal(list.Options.Count(o => o.IsMatched), list.Options.Where(o => o.IsMatched).Select(o => (o.FieldId, o.Environment!.Id)).Distinct().Count());
            }
        }
    }

    [Fact]
    public void Every_truncation_of_a_mapping_file_is_read_without_throwing()
    {
        for (int length = 0; length <= Seed.Length; length++)
        {
            var read = EnvironmentMap.Read("/m", Seed.Substring(0, length));
            Assert.Equal(length == Seed.Length, read.Diagnostics.Count == 0);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var chars = new System.Text.StringBuilder(text);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(chars.Length + 1);
            switch (random.Next(3))
            {
                case 0 when chars.Length > 0 && at < chars.Length:
                    chars.Remove(at, Math.Min(random.Next(1, 12), chars.Length - at));
                    break;
                case 1:
                    chars.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    if (at < chars.Length)
                    {
                        chars[at] = (char)random.Next(0, 128);
                    }

                    break;
            }
        }

        return chars.ToString();
    }
}
