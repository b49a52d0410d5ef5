namespace Workiom;

/// <summary>
/// A file stored in a File or Signature field. <see cref="Id"/> is the stored file's id (used to
/// download); a file just uploaded has only its <see cref="FileToken"/>, which Workiom takes as
/// the id when the file is first written to a field.
/// </summary>
public sealed record WorkiomFile
{
    public WorkiomFile(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        FileName = fileName;
    }

    /// <summary><c>_id</c> of the stored file; null for a file uploaded but not yet written.</summary>
    public string? Id { get; init; }

    public string? FileToken { get; init; }

    public string FileName { get; init; }

    public string? ContentType { get; init; }

    public long? Size { get; init; }

    public bool HasThumbnail { get; init; }

    public bool IsImage { get; init; }

    public string? FileUrl { get; init; }

    public string? ThumbnailUrl { get; init; }
}
