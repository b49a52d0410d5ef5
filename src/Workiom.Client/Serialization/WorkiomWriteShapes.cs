namespace Workiom.Serialization;

/// <summary>
/// The write shapes that public sources disagree on, kept in this one place. The defaults are the
/// official API guide's shapes; each can be switched to the compact shape that the guide's own
/// create example and Workiom's automation nodes send.
/// </summary>
public sealed record WorkiomWriteShapes
{
    /// <summary>The official guide's shapes.</summary>
    public static WorkiomWriteShapes Default { get; } = new();

    /// <summary>StaticSelect (4): <c>{id, label}</c> or the label alone.</summary>
    public SelectWriteShape StaticSelect { get; init; } = SelectWriteShape.IdAndLabel;

    /// <summary>Status (16): <c>{id, label}</c> or the label alone.</summary>
    public SelectWriteShape Status { get; init; } = SelectWriteShape.IdAndLabel;

    /// <summary>MultiStaticSelect (17): <c>[{id, label}]</c> or <c>["label"]</c>.</summary>
    public SelectWriteShape MultiStaticSelect { get; init; } = SelectWriteShape.IdAndLabel;

    /// <summary>User (6) and MultiUser (18): <c>{id:int, username}</c> or the numeric id alone.</summary>
    public UserWriteShape User { get; init; } = UserWriteShape.IdAndUserName;

    /// <summary>LinkList (5): <c>[{_id, label}]</c> or <c>["_id"]</c>.</summary>
    public LinkWriteShape LinkList { get; init; } = LinkWriteShape.IdAndLabel;
}

/// <summary>How a select option is written.</summary>
public enum SelectWriteShape
{
    /// <summary><c>{"id": "...", "label": "..."}</c>.</summary>
    IdAndLabel,

    /// <summary>The label string alone, byte for byte.</summary>
    Label,
}

/// <summary>How a user is written.</summary>
public enum UserWriteShape
{
    /// <summary><c>{"id": 109725, "username": "..."}</c>.</summary>
    IdAndUserName,

    /// <summary>The numeric id alone.</summary>
    Id,
}

/// <summary>How a link to another record is written.</summary>
public enum LinkWriteShape
{
    /// <summary><c>{"_id": "...", "label": "..."}</c>.</summary>
    IdAndLabel,

    /// <summary>The record id alone.</summary>
    Id,
}
