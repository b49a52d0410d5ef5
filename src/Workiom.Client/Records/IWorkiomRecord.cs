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

    /// <summary>The list's schema as its snapshot had it: fields (with their options) and views.</summary>
    static abstract Schema.WorkiomListSchema WorkiomSchema { get; }

    /// <summary>
    /// The ids the list has in the build's other environments (snapshots listed with
    /// <c>Environment="..."</c>); empty when the build lists none.
    /// </summary>
    static virtual IReadOnlyList<Schema.WorkiomListEnvironment> WorkiomEnvironments => [];

    /// <summary>
    /// Reads one record from <paramref name="reader"/>, positioned on the record's start-object
    /// token; on return it is on the matching end-object token.
    /// </summary>
    static abstract TSelf ReadFrom(ref Utf8JsonReader reader);

    /// <summary>
    /// Reads one record sent by the list in <paramref name="environment"/> (null: the primary
    /// environment, as <see cref="ReadFrom(ref Utf8JsonReader)"/>): its field and option ids are
    /// translated to the primary ones the record type speaks.
    /// </summary>
    static abstract TSelf ReadFrom(ref Utf8JsonReader reader, Schema.WorkiomListEnvironment? environment);
}
