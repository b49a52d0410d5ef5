using System.Text.Json;
using Workiom.Client.Tests.Fakes;
using Workiom.Queries;
using Workiom.Serialization;

namespace Workiom.Client.Tests;

/// <summary>
/// A record type written by hand (the base class and interfaces are public) whose writer leaves a
/// property without a value: the body is malformed JSON, which the client must not send.
/// </summary>
public class HandWrittenRecordBodyTests
{
    public sealed class Note : WorkiomRecord, IWorkiomRecord<Note>, IWorkiomQueryable<Note, Note.NoteFields>
    {
        public static string WorkiomListId => "note-list";

        public static string WorkiomListName => "Notes";

        public override string ListId => WorkiomListId;

        public static NoteFields QueryFields { get; } = new();

        public string? Text { get; set; }

        public static Schema.WorkiomListSchema WorkiomSchema { get; } = new(WorkiomListId, WorkiomListName, [], []);

        public static Note ReadFrom(ref Utf8JsonReader reader) => ReadFrom(ref reader, null);

        public static Note ReadFrom(ref Utf8JsonReader reader, Schema.WorkiomListEnvironment? environment)
        {
            reader.Skip();
            return new Note();
        }

        protected override void WriteFields(Utf8JsonWriter writer, FieldWriteFilter filter, WorkiomWriteShapes shapes)
        {
            // The bug: the name of field 1 is written, its value forgotten.
            writer.WritePropertyName("1");
            writer.WriteString("2", Text);
        }

        public sealed class NoteFields
        {
        }
    }

    [Fact]
    public async Task A_body_a_record_writes_malformed_is_refused_before_it_is_sent()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope("""{"_id":"n1"}""");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => test.Client.Repository<Note, Note.NoteFields>().CreateAsync(new Note { Text = "x" }, Guard.Token));

        Assert.Empty(test.Server.Requests);
    }
}
