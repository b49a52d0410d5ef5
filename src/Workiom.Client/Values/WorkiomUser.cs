namespace Workiom;

/// <summary>A Workiom user as a User, MultiUser or system field holds it.</summary>
public sealed record WorkiomUser
{
    public WorkiomUser(long id, string? fullName = null, string? emailAddress = null)
    {
        Id = id;
        FullName = fullName;
        EmailAddress = emailAddress;
    }

    /// <summary>The user id (Workiom sends it as a string or a number).</summary>
    public long Id { get; init; }

    /// <summary><c>fullname</c> in the read shape; <c>username</c> in the older shape.</summary>
    public string? FullName { get; init; }

    public string? EmailAddress { get; init; }

    public int? UserType { get; init; }

    public bool? IsActive { get; init; }

    /// <summary>The <c>username</c> sent on write; defaults to <see cref="FullName"/>.</summary>
    public string? UserName { get; init; }
}
