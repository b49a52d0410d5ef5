using System.Text.Json;

namespace Workiom;

/// <summary>
/// Implemented by every generated list record: what the runtime needs to read and address the
/// list without reflection.
/// </summary>
public interface IWorkiomRecord<TSelf> where TSelf : WorkiomRecord, IWorkiomRecord<TSelf>
{
    /// <summary>The list id from the snapshot.</summary>
    static abstract string WorkiomListId { get; }

    /// <summary>The list name from the snapshot.</summary>
    static abstract string WorkiomListName { get; }

    /// <summary>
    /// Reads one record from <paramref name="reader"/>, positioned on the record's start-object
    /// token; on return it is on the matching end-object token.
    /// </summary>
    static abstract TSelf ReadFrom(ref Utf8JsonReader reader);
}
