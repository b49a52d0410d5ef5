namespace Workiom.Emulator;

/// <summary>Raised when a snapshot file or text cannot be understood as a <c>Lists/Get</c> list.</summary>
public sealed class SnapshotException(string message, Exception? inner = null) : Exception(message, inner);
