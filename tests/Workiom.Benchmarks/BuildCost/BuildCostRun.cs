using System.Globalization;
using System.Text;

namespace Workiom.Benchmarks.BuildCost;

/// <summary>
/// <c>--build-cost</c>: what the generated code costs each build of a consumer, against the same fields written as
/// System.Text.Json source-generated POCOs (<see cref="AnchorSource"/>). Workiom.Client is packed from this
/// repository's source into a local folder feed under a version no run used before; two throwaway consumers are
/// written to a temporary folder outside the repository: "generated" (a PackageReference to that package and the
/// synthetic snapshots as <c>WorkiomSchema</c> items, as a user's project has them) and "anchor". Each is built
/// once to restore and warm the disk cache; then, interleaved and alternating which goes first, clean builds
/// (bin and obj deleted, restore included), incremental builds (<c>Program.cs</c> touched) and no-op builds
/// (nothing touched). Every build is <c>dotnet build</c> in Debug with the build servers off (see
/// <see cref="BuildArguments"/>), and its cost is the CPU time of its whole process tree (<see cref="ChildProcess"/>).
/// </summary>
public static class BuildCostRun
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// <c>--disable-build-servers</c> (no MSBuild server, no reused nodes, no compiler server), <c>-m:1</c>
    /// (MSBuild builds in its own process) and <c>UseSharedCompilation=false</c> (csc runs as a child of MSBuild,
    /// not in VBCSCompiler), so that the compiler's and generators' work happens inside the measured tree.
    /// </summary>
    private static readonly string[] BuildArguments =
        ["build", "--disable-build-servers", "-m:1", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off", "-v:q", "-nologo"];

    private enum Kind
    {
        Clean,
        Incremental,
        NoOp,
    }

    public static int Run(int lists, int fields, int runs, int cleanRuns, bool keep)
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine("--build-cost counts CPU time with Linux's getrusage; run it on Linux.");
            return 2;
        }

        string repositoryRoot = FindRepositoryRoot();
        string work = Path.Combine(Path.GetTempPath(), "workiom-buildcost-" + Guid.NewGuid().ToString("N"));
        string version = "0.1.0-buildcost.r" + Guid.NewGuid().ToString("N");
        string? globalPackages = null;
        try
        {
            Directory.CreateDirectory(work);
            Console.WriteLine($"Work folder: {work}");
            string feed = Path.Combine(work, "feed");
            File.WriteAllText(Path.Combine(work, "nuget.config"), NuGetConfig(feed));
            globalPackages = FindGlobalPackagesFolder(work);

            Console.WriteLine($"Packing Workiom.Client {version} (Release) from {repositoryRoot} ...");
            var pack = ChildProcess.RunDotnet(repositoryRoot, BuildTimeout,
                "pack", Path.Combine(repositoryRoot, "src", "Workiom.Client", "Workiom.Client.csproj"),
                "--configuration", "Release", "--output", feed, "-p:PackageVersion=" + version,
                "-p:NuspecOutputPath=" + Path.Combine(work, "nuspec") + Path.DirectorySeparatorChar,
                "--disable-build-servers", "-tl:off", "-v:q", "-nologo");
            Require(pack);

            string[] snapshots = GeneratorBenchmarkBase.SyntheticSnapshots(lists, fields);
            var generated = WriteGenerated(Path.Combine(work, "generated"), version, snapshots);
            var anchor = WriteAnchor(Path.Combine(work, "anchor"), snapshots);
            var consumers = new[] { generated, anchor };
            foreach (var consumer in consumers)
            {
                Console.WriteLine($"First build of the {consumer.Name} consumer (restore, not counted) ...");
                Require(Build(consumer));
            }

            var costs = new List<(string Consumer, Kind Kind, CommandCost Cost)>();
            for (int run = 0; run < Math.Max(runs, cleanRuns); run++)
            {
                // Alternate which consumer goes first, so neither always builds on a cache the other warmed.
                var order = run % 2 == 0 ? consumers : consumers.Reverse().ToArray();
                if (run < cleanRuns)
                {
                    foreach (var consumer in order)
                    {
                        DeleteFolder(Path.Combine(consumer.Folder, "bin"));
                        DeleteFolder(Path.Combine(consumer.Folder, "obj"));
                        costs.Add((consumer.Name, Kind.Clean, Measure(consumer, Kind.Clean, run)));
                    }
                }

                if (run < runs)
                {
                    foreach (var consumer in order)
                    {
                        File.SetLastWriteTimeUtc(consumer.TouchedFile, DateTime.UtcNow);
                        costs.Add((consumer.Name, Kind.Incremental, Measure(consumer, Kind.Incremental, run)));
                    }

                    foreach (var consumer in order)
                    {
                        costs.Add((consumer.Name, Kind.NoOp, Measure(consumer, Kind.NoOp, run)));
                    }
                }
            }

            Console.WriteLine();
            Console.Write(Report(lists, fields, costs));
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"Kept {work}; its package version {version} stays in {globalPackages}.");
            }
            else
            {
                DeleteFolder(work);
                if (globalPackages is not null)
                {
                    DeleteFolder(Path.Combine(globalPackages, "workiom.client", version));
                }
            }
        }
    }

    private static CommandCost Measure(Consumer consumer, Kind kind, int run)
    {
        var cost = Build(consumer);
        Require(cost);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run + 1}  {consumer.Name,-9}  {kind,-11}  cpu {cost.Cpu.TotalSeconds,7:F2} s (user {cost.User.TotalSeconds:F2}, sys {cost.System.TotalSeconds:F2})  wall {cost.Wall.TotalSeconds,6:F2} s"));
        return cost;
    }

    private static CommandCost Build(Consumer consumer) => ChildProcess.RunDotnet(consumer.Folder, BuildTimeout, BuildArguments);

    private static string Report(int lists, int fields, List<(string Consumer, Kind Kind, CommandCost Cost)> costs)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{lists} lists × {fields} fields; median (min–max) of each, CPU = user + system of the build's process tree:");
        text.AppendLine();
        text.AppendLine("| Build | Runs | Generated CPU s | Anchor CPU s | Ratio of medians | Median of run ratios | Generated wall s | Anchor wall s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var medians = new Dictionary<Kind, (double Generated, double Anchor)>();
        foreach (var kind in new[] { Kind.Incremental, Kind.Clean, Kind.NoOp })
        {
            var generated = costs.Where(c => c.Kind == kind && c.Consumer == "generated").Select(c => c.Cost).ToList();
            var anchor = costs.Where(c => c.Kind == kind && c.Consumer == "anchor").Select(c => c.Cost).ToList();
            if (generated.Count == 0)
            {
                continue;
            }

            double g = Median(generated.Select(c => c.Cpu.TotalSeconds)), a = Median(anchor.Select(c => c.Cpu.TotalSeconds));
            medians[kind] = (g, a);
            // Each run builds both consumers back to back, so the ratio within a run shares the machine's load of the moment.
            double pairs = Median(generated.Zip(anchor, (x, y) => x.Cpu.TotalSeconds / y.Cpu.TotalSeconds));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Describe(kind)} | {generated.Count} | {g:F2} ({Min(generated):F2}–{Max(generated):F2}) | {a:F2} ({Min(anchor):F2}–{Max(anchor):F2}) | {g / a:F2} | {pairs:F2} | {Median(generated.Select(c => c.Wall.TotalSeconds)):F2} | {Median(anchor.Select(c => c.Wall.TotalSeconds)):F2} |"));
        }

        if (medians.TryGetValue(Kind.Incremental, out var incremental) && medians.TryGetValue(Kind.NoOp, out var noOp))
        {
            double g = incremental.Generated - noOp.Generated, a = incremental.Anchor - noOp.Anchor;
            text.AppendLine();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Incremental minus no-op (the compilation itself, generators included): generated {g:F2} s, anchor {a:F2} s, ratio {g / a:F2}."));
        }

        return text.ToString();
    }

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Incremental => "Incremental (Program.cs touched)",
        Kind.Clean => "Clean (bin, obj deleted; restore included)",
        _ => "No-op (nothing changed)",
    };

    private static double Min(List<CommandCost> costs) => costs.Min(c => c.Cpu.TotalSeconds);

    private static double Max(List<CommandCost> costs) => costs.Max(c => c.Cpu.TotalSeconds);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Consumer(string Name, string Folder)
    {
        public string TouchedFile => Path.Combine(Folder, "Program.cs");
    }

    private static Consumer WriteGenerated(string folder, string version, string[] snapshots)
    {
        WriteProject(folder, $"""
              <ItemGroup>
                <PackageReference Include="Workiom.Client" Version="{version}" />
              </ItemGroup>
              <ItemGroup>
                <WorkiomSchema Include="schemas/*.json" />
              </ItemGroup>
            """);
        Directory.CreateDirectory(Path.Combine(folder, "schemas"));
        for (int i = 0; i < snapshots.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, "schemas", $"list{i}.json"), snapshots[i]);
        }

        string typeName = FirstTypeName(snapshots);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), $$"""
            using System.Buffers;
            using System.Text.Json;
            using Consumer.Lists;
            using Workiom;

            var record = new {{typeName}} { Name = "Build cost" };
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                record.WriteTo(writer, WorkiomWriteKind.Create);
            }

            Console.WriteLine(buffer.WrittenCount);

            """);
        return new Consumer("generated", folder);
    }

    private static Consumer WriteAnchor(string folder, string[] snapshots)
    {
        WriteProject(folder, "");
        Directory.CreateDirectory(Path.Combine(folder, "Lists"));
        foreach (var (fileName, text) in AnchorSource.Files(snapshots))
        {
            File.WriteAllText(Path.Combine(folder, "Lists", fileName), text);
        }

        string typeName = FirstTypeName(snapshots);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), $$"""
            using System.Text.Json;
            using Consumer.Lists;

            var record = new {{typeName}} { Name = "Build cost" };
            byte[] payload = JsonSerializer.SerializeToUtf8Bytes(record, {{AnchorSource.ContextName}}.Default.{{typeName}});
            Console.WriteLine(payload.Length);

            """);
        return new Consumer("anchor", folder);
    }

    /// <summary>The first list's record type: the list name's words joined, as both the generator and a user name it.</summary>
    private static string FirstTypeName(string[] snapshots)
    {
        using var document = System.Text.Json.JsonDocument.Parse(snapshots[0]);
        return AnchorSource.Identifier(document.RootElement.GetProperty("name").GetString()!);
    }

    /// <summary>
    /// A console app as <c>dotnet new console</c> makes it (plus warnings as errors), behind empty
    /// Directory.Build/Directory.Packages files so no build file of a folder above takes part.
    /// </summary>
    private static void WriteProject(string folder, string items)
    {
        Directory.CreateDirectory(folder);
        foreach (string guard in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, guard), "<Project />\n");
        }

        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The audit needs the network and is not what is measured. -->
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
            {items}
            </Project>

            """);
    }

    /// <summary>
    /// The local feed for Workiom.Client (source mapping sends it nowhere else) and nuget.org for its
    /// dependencies, which a warm machine already has in its global packages folder.
    /// </summary>
    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{System.Security.SecurityElement.Escape(feed)}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local">
              <package pattern="Workiom.Client" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>

        """;

    private static string FindGlobalPackagesFolder(string work)
    {
        var locals = ChildProcess.RunDotnet(work, TimeSpan.FromMinutes(2), "nuget", "locals", "global-packages", "--list");
        const string label = "global-packages:";
        string? line = locals.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal));
        if (locals.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException("Could not find the global packages folder:\n" + locals.Output);
        }

        return line[label.Length..].Trim();
    }

    private static void Require(CommandCost cost)
    {
        if (cost.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{cost.CommandLine}' exited with {cost.ExitCode}:\n{cost.Output}");
        }
    }

    private static string FindRepositoryRoot()
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

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
