using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Workiom;
using Workiom.Benchmarks;
using Workiom.Benchmarks.BuildCost;

if (args is ["--show-payload"])
{
    // Prints the generated create payload, the shape the hand-written floor must match byte for byte.
    var buffer = new ArrayBufferWriter<byte>();
    using (var writer = new Utf8JsonWriter(buffer))
    {
        Samples.NewDeal().WriteTo(writer, WorkiomWriteKind.Create);
    }

    Console.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    return 0;
}

if (args is ["--streaming", var countText, ..])
{
    // One record count per process: see StreamingRun.
    int pageSize = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000;
    return await StreamingRun.RunAsync(int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture), pageSize);
}

if (args is ["--code-size", ..])
{
    // The generated C# for the 300-field list and for ten of them: see CodeSizeRun.
    return CodeSizeRun.Run([(1, 300), (10, 300)]);
}

if (args is ["--build-cost", ..])
{
    // Builds a generated consumer and its System.Text.Json anchor in a temporary folder: see BuildCostRun.
    int Option(string name, int fallback) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length
        ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture)
        : fallback;
    return BuildCostRun.Run(Option("--lists", 10), Option("--fields", 300), Option("--runs", 5), Option("--clean-runs", 3), args.Contains("--keep"));
}

BenchmarkSwitcher.FromAssembly(typeof(Samples).Assembly).Run(args);
return 0;
