using System.Text.Json;

namespace Workiom;

/// <summary>A Workiom user as a User, MultiUser or system field holds it.</summary>
/// <remarks>
/// A user read from Workiom keeps the JSON it was read from: written back unchanged it is sent as
/// read (every key, the id as a string or number as it came); changed with <c>with</c> (same
/// <see cref="Id"/>) it is sent as read with only the changed keys replaced. A user made by the
/// user (or given another id) is written in the write shape, <c>{"id": 109725, "username": "…"}</c>,
/// the <c>username</c> key left out when no name is known. Two users are equal when their typed
/// properties are.
/// </remarks>
public sealed record WorkiomUser : IKeepsReadJson
{
    private ReadForm _read;
    private WorkiomUser? _readAs;
    private int _readKeys;

    public WorkiomUser(long id, string? fullName = null, string? emailAddress = null)
    {
        Id = id;
        FullName = fullName;
        EmailAddress = emailAddress;
    }

    /// <summary>The user id (Workiom sends it as a string or a number).</summary>
    public long Id { get; init; }

    /// <summary>
    /// The display name: <c>fullname</c> in the read shape, else <c>label</c> (the guide's
    /// <c>{id, label}</c> shape), else <c>username</c> (the older shape).
    /// </summary>
    public string? FullName { get; init; }

    public string? EmailAddress { get; init; }

    public int? UserType { get; init; }

    public bool? IsActive { get; init; }

    /// <summary>The <c>username</c> sent on write; defaults to <see cref="FullName"/>.</summary>
    public string? UserName { get; init; }

    /// <summary>The JSON this user was read from; null for a user the user made.</summary>
    internal JsonElement? ReadJson => _read.Json;

    /// <summary>Whether this user keeps the JSON it was read from.</summary>
    internal bool HasReadJson => _read.Exists;

    /// <summary>Writes the JSON this user was read from, as read.</summary>
    internal void WriteAsRead(Utf8JsonWriter writer) => _read.WriteTo(writer);

    /// <summary>The user as it was read, which a copy made with <c>with</c> still knows.</summary>
    internal WorkiomUser? ReadAs => _readAs;

    /// <summary>
    /// For a user read as an object of canonical keys whose values its typed properties write back:
    /// which keys it had (<see cref="UserKeys"/>), so that it is written back without keeping its JSON.
    /// </summary>
    internal int ReadKeys => _readKeys;

    internal void KeepReadKeys(int keys)
    {
        _readKeys = keys;
        _readAs = this;
    }

    bool IKeepsReadJson.IsRead => _readAs is not null;

    void IKeepsReadJson.KeepRead(ReadForm read)
    {
        _read = read;
        _readAs = this;
    }

    public bool Equals(WorkiomUser? other) =>
        other is not null
        && Id == other.Id
        && string.Equals(FullName, other.FullName, StringComparison.Ordinal)
        && string.Equals(EmailAddress, other.EmailAddress, StringComparison.Ordinal)
        && UserType == other.UserType
        && IsActive == other.IsActive
        && string.Equals(UserName, other.UserName, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Id, FullName, EmailAddress);
}
