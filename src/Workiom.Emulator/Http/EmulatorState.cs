using Workiom.Emulator.Faults;
using Workiom.Emulator.Querying;
using Workiom.Emulator.Records;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Storage;

namespace Workiom.Emulator.Http;

/// <summary>What the endpoints, filters and middleware of one emulator share: its options, lists, store and queues.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(WorkiomEmulatorOptions options, SnapshotCatalog catalog, RecordStore store, EmulatorFaults faults, Func<Uri> baseAddress)
    {
        Options = options;
        Catalog = catalog;
        Store = store;
        Faults = faults;
        BaseAddress = baseAddress;
        Reader = new RecordReader(catalog, baseAddress);
        DataAll = new DataAllPipeline(catalog, store, Reader);
        Hosts = new HostCheck(options.AllowedHosts);
        Tokens = new TokenStore(options.TimeProvider);
    }

    public WorkiomEmulatorOptions Options { get; }

    public SnapshotCatalog Catalog { get; }

    public RecordStore Store { get; }

    public EmulatorFaults Faults { get; }

    /// <summary>Where the emulator listens; known only once it has started.</summary>
    public Func<Uri> BaseAddress { get; }

    public RecordReader Reader { get; }

    public DataAllPipeline DataAll { get; }

    public HostCheck Hosts { get; }

    public TokenStore Tokens { get; }
}
