namespace Workiom.Queries;

/// <summary>A User field (one user). Users are given as <see cref="WorkiomUser"/> or by user id.</summary>
public sealed class UserField<TRecord> : EmptiableField<TRecord>, IWorkiomSortable
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.User];

    public UserField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.User, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public UserField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }

    public FilterCondition<TRecord> Is(WorkiomUser user) => Condition(WorkiomFilterOperator.Is, UserValues.One(this, user, nameof(Is)));

    public FilterCondition<TRecord> Is(long userId) => Condition(WorkiomFilterOperator.Is, FilterValue.Users([userId]));

    public FilterCondition<TRecord> IsNot(WorkiomUser user) => Condition(WorkiomFilterOperator.IsNot, UserValues.One(this, user, nameof(IsNot)));

    public FilterCondition<TRecord> IsNot(long userId) => Condition(WorkiomFilterOperator.IsNot, FilterValue.Users([userId]));

    public FilterCondition<TRecord> In(params WorkiomUser[] users) => Condition(WorkiomFilterOperator.In, UserValues.Many(this, users, nameof(In)));

    public FilterCondition<TRecord> In(params long[] userIds) => Condition(WorkiomFilterOperator.In, UserValues.Many(this, userIds, nameof(In)));

    public FilterCondition<TRecord> NotIn(params WorkiomUser[] users) => Condition(WorkiomFilterOperator.NotIn, UserValues.Many(this, users, nameof(NotIn)));

    public FilterCondition<TRecord> NotIn(params long[] userIds) => Condition(WorkiomFilterOperator.NotIn, UserValues.Many(this, userIds, nameof(NotIn)));
}

/// <summary>A MultiUser field (several users).</summary>
public sealed class MultiUserField<TRecord> : EmptiableField<TRecord>
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.MultiUser];

    public MultiUserField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.MultiUser, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public MultiUserField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }

    /// <summary>Records whose users include <paramref name="user"/>.</summary>
    public FilterCondition<TRecord> Contains(WorkiomUser user) =>
        Condition(WorkiomFilterOperator.Contains, UserValues.One(this, user, nameof(Contains)));

    public FilterCondition<TRecord> Contains(long userId) => Condition(WorkiomFilterOperator.Contains, FilterValue.Users([userId]));

    public FilterCondition<TRecord> In(params WorkiomUser[] users) => Condition(WorkiomFilterOperator.In, UserValues.Many(this, users, nameof(In)));

    public FilterCondition<TRecord> In(params long[] userIds) => Condition(WorkiomFilterOperator.In, UserValues.Many(this, userIds, nameof(In)));

    public FilterCondition<TRecord> NotIn(params WorkiomUser[] users) => Condition(WorkiomFilterOperator.NotIn, UserValues.Many(this, users, nameof(NotIn)));

    public FilterCondition<TRecord> NotIn(params long[] userIds) => Condition(WorkiomFilterOperator.NotIn, UserValues.Many(this, userIds, nameof(NotIn)));
}

/// <summary>Turns users into the <c>[{id}]</c> value, checking them on the way.</summary>
internal static class UserValues
{
    public static FilterValue One<TRecord>(WorkiomField<TRecord> field, WorkiomUser? user, string operation)
    {
        if (user is null)
        {
            throw new ArgumentNullException(
                nameof(user),
                $"{operation} on field '{field.Name}' needs a user, not null. To match records where '{field.Name}' is empty, use IsEmpty().");
        }

        return FilterValue.Users([user.Id]);
    }

    public static FilterValue Many<TRecord>(WorkiomField<TRecord> field, WorkiomUser[]? users, string operation)
    {
        NotEmpty(field, users, operation);
        var ids = new long[users!.Length];
        for (int i = 0; i < users.Length; i++)
        {
            ids[i] = (users[i] ?? throw new ArgumentException(
                $"{operation} on field '{field.Name}' got a null user in its list.", nameof(users))).Id;
        }

        return FilterValue.Users(ids);
    }

    public static FilterValue Many<TRecord>(WorkiomField<TRecord> field, long[]? userIds, string operation)
    {
        NotEmpty(field, userIds, operation);
        return FilterValue.Users((long[])userIds!.Clone());
    }

    private static void NotEmpty<TRecord, T>(WorkiomField<TRecord> field, T[]? values, string operation)
    {
        if (values is null || values.Length == 0)
        {
            throw new ArgumentException(
                $"{operation} on field '{field.Name}' needs at least one user; an empty list cannot be sent to Workiom.",
                "users");
        }
    }
}
