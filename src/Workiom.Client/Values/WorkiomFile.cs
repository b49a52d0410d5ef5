using System.Text.Json;

namespace Workiom;

/// <summary>
/// A file stored in a File or Signature field. <see cref="Id"/> is the stored file's id (used to
/// download); a file just uploaded has only its <see cref="FileToken"/>, which Workiom takes as
/// the id when the file is first written to a field.
/// </summary>
/// <remarks>
/// A file read from Workiom keeps the JSON it was read from, so every key Workiom sent (the ones
/// typed here and any other, such as <c>UserId</c> or <c>IsPermanent</c>) is written back as read:
/// unchanged, the item goes back exactly as read; changed with <c>with</c> (same <see cref="Id"/>),
/// it goes back as read with only the changed keys replaced; given another <see cref="Id"/>, or made
/// by the user (an upload), it is written in the write shape of a new file. Two files are equal
/// when their typed properties are.
/// </remarks>
public sealed record WorkiomFile : IKeepsReadJson
{
    private ReadForm _read;
    private WorkiomFile? _readAs;

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

    /// <summary>The JSON this file was read from; null for a file the user made.</summary>
    internal JsonElement? ReadJson => _read.Json;

    /// <summary>Whether this file keeps the JSON it was read from.</summary>
    internal bool HasReadJson => _read.Exists;

    /// <summary>Writes the JSON this file was read from, as read.</summary>
    internal void WriteAsRead(Utf8JsonWriter writer) => _read.WriteTo(writer);

    /// <summary>The file as it was read, which a copy made with <c>with</c> still knows.</summary>
    internal WorkiomFile? ReadAs => _readAs;

    bool IKeepsReadJson.IsRead => _readAs is not null;

    void IKeepsReadJson.KeepRead(ReadForm read)
    {
        _read = read;
        _readAs = this;
    }

    public bool Equals(WorkiomFile? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(FileToken, other.FileToken, StringComparison.Ordinal)
        && string.Equals(FileName, other.FileName, StringComparison.Ordinal)
        && string.Equals(ContentType, other.ContentType, StringComparison.Ordinal)
        && Size == other.Size
        && HasThumbnail == other.HasThumbnail
        && IsImage == other.IsImage
        && string.Equals(FileUrl, other.FileUrl, StringComparison.Ordinal)
        && string.Equals(ThumbnailUrl, other.ThumbnailUrl, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Id, FileToken, FileName, Size);
}
