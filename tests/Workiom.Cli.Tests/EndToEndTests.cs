using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Workiom.Cli.Tests;

/// <summary>
/// The whole loop a team runs: pull the snapshots, a field changes in Workiom, the consumer's build runs
/// 'workiom schema check' (WorkiomSchemaCheckOnBuild) and the compiler warns at the line that uses it.
/// </summary>
public sealed class EndToEndTests
{
    private const int AmountId = 2014503;

    [Fact]
    public async Task A_field_retyped_in_Workiom_is_a_warning_at_its_use_in_the_consumer_build()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Now = DateTimeOffset.UtcNow;
        string consumer = Path.Combine(cli.Folder, "consumer");
        Directory.CreateDirectory(consumer);
        var pull = await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId, "--list", CliHarness.CompaniesListId, "--out", "consumer/schemas");
        Assert.True(pull.ExitCode == 0, pull.Output);
        cli.ChangeDeals(list => CliHarness.Field(list, AmountId)["dataType"] = 0);

        string root = RepositoryRoot();
        string cliAssembly = Path.Combine(root, "src", "Workiom.Cli", "bin", "Debug", "net10.0", "workiom.dll");
        Assert.True(File.Exists(cliAssembly), "The workiom tool is not built at " + cliAssembly);
        string build = Path.Combine(root, "src", "Workiom.Client", "build");
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{build}/Workiom.Client.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <WorkiomNamespace>Consumer.Lists</WorkiomNamespace>
                <WorkiomSchemaCheckOnBuild>true</WorkiomSchemaCheckOnBuild>
                <WorkiomToolCommand>dotnet &quot;{cliAssembly}&quot;</WorkiomToolCommand>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/src/Workiom.Client/Workiom.Client.csproj" />
                <ProjectReference Include="{root}/src/Workiom.Generators/Workiom.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <WorkiomSchema Include="schemas/*.json" />
              </ItemGroup>
              <Import Project="{build}/Workiom.Client.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Use.cs"), """
            namespace Consumer;

            public static class Use
            {
                public static decimal? Total(Lists.Deal deal) =>
                    deal.Amount;
            }
            """);

        var (exitCode, output) = await BuildAsync(consumer, cli);

        Assert.True(exitCode == 0, output);
        var warning = Regex.Match(output, @"Use\.cs\((?<line>\d+),(?<column>\d+)\): warning WKM2006: (?<message>[^\r\n\[]+)");
        Assert.True(warning.Success, output);
        Assert.Equal("6", warning.Groups["line"].Value);
        Assert.Equal("14", warning.Groups["column"].Value);
        Assert.Contains("changed type from Currency to Text", warning.Groups["message"].Value, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(consumer, "obj", "Debug", "net10.0", "workiom-drift.json")));

        // Fresh, untouched, complete snapshots: none of the snapshot-file warnings.
        Assert.DoesNotMatch(@"warning WKM200[1235]", output);
        Assert.Single(Regex.Matches(output, @"Use\.cs\(\d+,\d+\): warning WKM2006").Select(m => m.Value).Distinct());
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(string project, CliHarness cli)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["WORKIOM_API_KEY"] = cli.Emulator.ApiKey;
        start.Environment["WORKIOM_BASE_URL"] = cli.Emulator.BaseAddress.ToString();
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Generators.sln) is not above " + AppContext.BaseDirectory);
    }
}
