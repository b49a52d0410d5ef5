namespace Workiom.Cli;

/// <summary>A failure the tool reports as one line (bad key, unknown list, network, bad file), never as a stack trace.</summary>
public sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
