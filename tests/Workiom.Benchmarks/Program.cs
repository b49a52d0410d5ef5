using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Workiom;
using Workiom.Benchmarks;

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

BenchmarkSwitcher.FromAssembly(typeof(Samples).Assembly).Run(args);
return 0;
