namespace Workiom.Webhooks;

/// <summary>
/// A webhook body that cannot be read as one record: not JSON, not one JSON object, or a value of a shape the field's
/// type cannot read. The message says where (line and byte position, both from 1, when the JSON itself is bad) and
/// never quotes a value.
/// </summary>
public class WorkiomWebhookFormatException : WorkiomPayloadException
{
    /// <summary>A webhook body that cannot be read.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="lineNumber">The line (from 1) where the JSON is bad; null when the JSON is well formed.</param>
    /// <param name="bytePositionInLine">The byte in that line (from 1); null when the JSON is well formed.</param>
    /// <param name="innerException">The error that stopped the read.</param>
    public WorkiomWebhookFormatException(string message, long? lineNumber = null, long? bytePositionInLine = null, Exception? innerException = null)
        : base(message, innerException)
    {
        LineNumber = lineNumber;
        BytePositionInLine = bytePositionInLine;
    }

    /// <summary>The line (from 1) where the JSON is bad; null when the JSON is well formed.</summary>
    public long? LineNumber { get; }

    /// <summary>The byte in <see cref="LineNumber"/> (from 1) where the JSON is bad; null when the JSON is well formed.</summary>
    public long? BytePositionInLine { get; }
}
