namespace Workiom.Serialization;

/// <summary>
/// The write shapes of values the user makes (an option picked from the static members, a
/// <see cref="WorkiomUser"/> or <see cref="WorkiomLink"/> created in code), kept in this one place.
/// A value read from Workiom and not changed is never written in these shapes: it goes back exactly
/// as it was read, whatever they say.
/// </summary>
/// <remarks>
/// <para>
/// Where each shape comes from (see docs/workiom-api.md, "Data types"): the official API guide
/// defines types 0–15 and its prose gives the object shapes <c>{id, label}</c> (StaticSelect),
/// <c>{id:int, username}</c> (User) and <c>[{_id, label}]</c> (LinkList); the guide's create example
/// also writes objects (a user as <c>{id, label}</c>), never the compact forms. Types 16–22 (Status,
/// MultiStaticSelect, MultiUser, …) come from Workiom's own n8n node, which gives Status "like
/// StaticSelect", MultiStaticSelect <c>[{id, label}]</c> and MultiUser <c>[{id, username}]</c>.
/// </para>
/// <para>
/// The defaults are those object shapes. The compact forms (the label alone, the bare id) are shown
/// by none of those sources; they are kept as a switch for a tenant on which they were proven (run
/// <c>workiom verify</c> against it first), not as an equal alternative.
/// </para>
/// </remarks>
public sealed record WorkiomWriteShapes
{
    /// <summary>The object shapes of the official guide (types 0–15) and of Workiom's n8n node (types 16–22).</summary>
    public static WorkiomWriteShapes Default { get; } = new();

    /// <summary>
    /// StaticSelect (4): <c>{id, label}</c>, the official guide's prose (default); or the label alone,
    /// which no public source shows.
    /// </summary>
    public SelectWriteShape StaticSelect { get; init; } = SelectWriteShape.IdAndLabel;

    /// <summary>
    /// Status (16): <c>{id, label}</c>, "like StaticSelect" in Workiom's n8n node, the only source
    /// of this type (default); or the label alone, which no public source shows.
    /// </summary>
    public SelectWriteShape Status { get; init; } = SelectWriteShape.IdAndLabel;

    /// <summary>
    /// MultiStaticSelect (17): <c>[{id, label}]</c>, Workiom's n8n node, the only source of this
    /// type (default); or <c>["label"]</c>, which no public source shows.
    /// </summary>
    public SelectWriteShape MultiStaticSelect { get; init; } = SelectWriteShape.IdAndLabel;

    /// <summary>
    /// User (6) and MultiUser (18): <c>{id:int, username}</c>, the official guide's prose for User and
    /// Workiom's n8n node for MultiUser (default; <c>username</c> is left out when no name is known);
    /// or the numeric id alone, which no public source shows. The guide's create example writes a
    /// user as <c>{id, label}</c>; a user read in that shape is written back in it.
    /// </summary>
    public UserWriteShape User { get; init; } = UserWriteShape.IdAndUserName;

    /// <summary>
    /// LinkList (5): <c>[{_id, label}]</c>, the official guide's prose (default); or <c>["_id"]</c>,
    /// which no public source shows.
    /// </summary>
    public LinkWriteShape LinkList { get; init; } = LinkWriteShape.IdAndLabel;
}

/// <summary>How a select option the user picked is written.</summary>
public enum SelectWriteShape
{
    /// <summary><c>{"id": "...", "label": "..."}</c>: the official guide's shape.</summary>
    IdAndLabel,

    /// <summary>The label string alone, byte for byte (no public source shows it).</summary>
    Label,
}

/// <summary>How a user the user made is written.</summary>
public enum UserWriteShape
{
    /// <summary><c>{"id": 109725, "username": "..."}</c>: the official guide's shape; <c>username</c> left out when unknown.</summary>
    IdAndUserName,

    /// <summary>The numeric id alone (no public source shows it).</summary>
    Id,
}

/// <summary>How a link the user made to another record is written.</summary>
public enum LinkWriteShape
{
    /// <summary><c>{"_id": "...", "label": "..."}</c>: the official guide's shape.</summary>
    IdAndLabel,

    /// <summary>The record id alone (no public source shows it).</summary>
    Id,
}
