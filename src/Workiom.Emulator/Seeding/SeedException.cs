namespace Workiom.Emulator;

/// <summary>
/// Raised when a seed file (<see cref="WorkiomEmulatorOptions.SeedPaths"/>) cannot be loaded; the message names the
/// file, the list and the record index (or the JSON line and column). Nothing of any seed file is loaded then.
/// </summary>
public sealed class SeedException(string message, Exception? inner = null) : Exception(message, inner);
