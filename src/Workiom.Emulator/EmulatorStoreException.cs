namespace Workiom.Emulator;

/// <summary>
/// Raised by <see cref="WorkiomEmulator.StartAsync(WorkiomEmulatorOptions, CancellationToken)"/> when the <see cref="WorkiomEmulatorOptions.DatabasePath"/>
/// file cannot be opened or created as the emulator's SQLite store (not a SQLite file, a folder that cannot be
/// written, a locked file). The message names the path and the reason; <see cref="Exception.InnerException"/>
/// holds the original error.
/// </summary>
public sealed class EmulatorStoreException(string message, Exception? inner = null) : IOException(message, inner);
