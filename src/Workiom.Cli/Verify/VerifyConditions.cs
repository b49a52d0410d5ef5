using Workiom.Queries;

namespace Workiom.Cli.Verify;

/// <summary>
/// For one field and one operator, a condition the verify record matches and one it does not, built
/// with the client's own field descriptors (so the filter values are encoded as the library sends them).
/// Which operators are tried comes from <see cref="WorkiomOperators.For"/>, the client's one operator table.
/// </summary>
internal static class VerifyConditions
{
    /// <summary>A record id no record has.</summary>
    public const string AbsentRecordId = "000000000000000000000000";

    /// <summary>The two conditions; <paramref name="Missing"/> when the client offers the operator but verify cannot build it (a failure).</summary>
    public sealed record Pair(FilterCondition<VerifyRecord>? Match, FilterCondition<VerifyRecord>? NoMatch, string? Reason, bool Missing = false);

    /// <summary>
    /// Conditions for a field holding <paramref name="sample"/> (null or clearing when the field is empty:
    /// then IsEmpty matches and IsNotEmpty does not). <paramref name="run"/> makes the texts that must not match unique.
    /// </summary>
    public static Pair For(VerifyField field, WorkiomFilterOperator op, VerifySample? sample, string run)
    {
        var emptiable = Descriptor(field);
        if (op is WorkiomFilterOperator.IsEmpty or WorkiomFilterOperator.IsNotEmpty)
        {
            if (emptiable is not EmptiableField<VerifyRecord> e)
            {
                return new Pair(null, null, "the client has no emptiness test for " + field.TypeName);
            }

            bool filled = sample is not null && !sample.Clears;
            var isEmpty = e.IsEmpty();
            var isNotEmpty = e.IsNotEmpty();
            return op == WorkiomFilterOperator.IsEmpty
                ? (filled ? new Pair(null, isEmpty, null) : new Pair(isEmpty, null, null))
                : (filled ? new Pair(isNotEmpty, null, null) : new Pair(null, isNotEmpty, null));
        }

        if (sample is null || sample.Clears)
        {
            return new Pair(null, null, "the field holds no value to compare with");
        }

        switch (emptiable)
        {
            case TextField<VerifyRecord> text:
            {
                string value = sample.Text!;
                string part = value.Length > 2 ? value[1..^1] : value;
                string absent = "absent " + run + " zq";
                return op switch
                {
                    WorkiomFilterOperator.Contains => new Pair(text.Contains(part), text.Contains(absent), null),
                    WorkiomFilterOperator.DoesNotContain => new Pair(text.DoesNotContain(absent), text.DoesNotContain(part), null),
                    WorkiomFilterOperator.Is => new Pair(text.Is(value), text.Is(value + " zq"), null),
                    WorkiomFilterOperator.IsNot => new Pair(text.IsNot(value + " zq"), text.IsNot(value), null),
                    _ => Unsupported(field, op),
                };
            }

            case NumberField<VerifyRecord> number:
            {
                decimal n = sample.Number!.Value;
                return op switch
                {
                    WorkiomFilterOperator.Is => new Pair(number.Is(n), number.Is(n + 1), null),
                    WorkiomFilterOperator.IsNot => new Pair(number.IsNot(n + 1), number.IsNot(n), null),
                    WorkiomFilterOperator.Greater => new Pair(number.Greater(n - 1), number.Greater(n), null),
                    WorkiomFilterOperator.GreaterOrEqual => new Pair(number.GreaterOrEqual(n), number.GreaterOrEqual(n + 1), null),
                    WorkiomFilterOperator.Less => new Pair(number.Less(n + 1), number.Less(n), null),
                    WorkiomFilterOperator.LessOrEqual => new Pair(number.LessOrEqual(n), number.LessOrEqual(n - 1), null),
                    WorkiomFilterOperator.Between => new Pair(number.Between(n - 1, n + 1), number.Between(n + 1, n + 2), null),
                    _ => Unsupported(field, op),
                };
            }

            case DateField<VerifyRecord> date:
            {
                var d = sample.Date!.Value;
                return op switch
                {
                    WorkiomFilterOperator.Is => new Pair(date.Is(d), date.Is(d.AddDays(1)), null),
                    WorkiomFilterOperator.IsNot => new Pair(date.IsNot(d.AddDays(1)), date.IsNot(d), null),
                    WorkiomFilterOperator.Greater => new Pair(date.Greater(d.AddDays(-1)), date.Greater(d), null),
                    WorkiomFilterOperator.GreaterOrEqual => new Pair(date.GreaterOrEqual(d), date.GreaterOrEqual(d.AddDays(1)), null),
                    WorkiomFilterOperator.Less => new Pair(date.Less(d.AddDays(1)), date.Less(d), null),
                    WorkiomFilterOperator.LessOrEqual => new Pair(date.LessOrEqual(d), date.LessOrEqual(d.AddDays(-1)), null),
                    WorkiomFilterOperator.Between => new Pair(date.Between(d.AddDays(-1), d.AddDays(1)), date.Between(d.AddDays(1), d.AddDays(2)), null),
                    _ => Unsupported(field, op),
                };
            }

            case DateTimeField<VerifyRecord> time:
            {
                var t = sample.Time!.Value;
                return op switch
                {
                    WorkiomFilterOperator.Is => new Pair(time.Is(t), time.Is(t.AddDays(1)), null),
                    WorkiomFilterOperator.IsNot => new Pair(time.IsNot(t.AddDays(1)), time.IsNot(t), null),
                    WorkiomFilterOperator.Greater => new Pair(time.Greater(t.AddDays(-1)), time.Greater(t), null),
                    WorkiomFilterOperator.GreaterOrEqual => new Pair(time.GreaterOrEqual(t), time.GreaterOrEqual(t.AddDays(1)), null),
                    WorkiomFilterOperator.Less => new Pair(time.Less(t.AddDays(1)), time.Less(t), null),
                    WorkiomFilterOperator.LessOrEqual => new Pair(time.LessOrEqual(t), time.LessOrEqual(t.AddDays(-1)), null),
                    WorkiomFilterOperator.Between => new Pair(time.Between(t.AddDays(-1), t.AddDays(1)), time.Between(t.AddDays(1), t.AddDays(2)), null),
                    _ => Unsupported(field, op),
                };
            }

            case SelectField<VerifyRecord, VerifyOption> select:
            {
                var held = sample.Options![0];
                var other = field.Options.FirstOrDefault(o => o.Id != held.Id);
                string? reason = other is null ? "the field has one option, so no other option to miss with" : null;
                return op switch
                {
                    WorkiomFilterOperator.Is => new Pair(select.Is(held), other is null ? null : select.Is(other), reason),
                    WorkiomFilterOperator.IsNot => new Pair(other is null ? null : select.IsNot(other), select.IsNot(held), reason),
                    WorkiomFilterOperator.In => new Pair(select.In(held), other is null ? null : select.In(other), reason),
                    WorkiomFilterOperator.NotIn => new Pair(other is null ? null : select.NotIn(other), select.NotIn(held), reason),
                    _ => Unsupported(field, op),
                };
            }

            case MultiSelectField<VerifyRecord, VerifyOption> multi:
            {
                var held = sample.Options![0];
                var other = field.Options.FirstOrDefault(o => sample.Options.All(s => s.Id != o.Id));
                string? reason = other is null ? "every option of the field is in the value, so none to miss with" : null;
                return op switch
                {
                    WorkiomFilterOperator.Contains => new Pair(multi.Contains(held), other is null ? null : multi.Contains(other), reason),
                    WorkiomFilterOperator.In => new Pair(multi.In(held), other is null ? null : multi.In(other), reason),
                    WorkiomFilterOperator.NotIn => new Pair(other is null ? null : multi.NotIn(other), multi.NotIn(held), reason),
                    _ => Unsupported(field, op),
                };
            }

            case UserField<VerifyRecord> user:
            {
                long held = sample.Users![0].Id;
                long other = OtherUser(held);
                return op switch
                {
                    WorkiomFilterOperator.Is => new Pair(user.Is(held), user.Is(other), null),
                    WorkiomFilterOperator.IsNot => new Pair(user.IsNot(other), user.IsNot(held), null),
                    WorkiomFilterOperator.In => new Pair(user.In(held), user.In(other), null),
                    WorkiomFilterOperator.NotIn => new Pair(user.NotIn(other), user.NotIn(held), null),
                    _ => Unsupported(field, op),
                };
            }

            case MultiUserField<VerifyRecord> users:
            {
                long held = sample.Users![0].Id;
                long other = OtherUser(held);
                return op switch
                {
                    WorkiomFilterOperator.Contains => new Pair(users.Contains(held), users.Contains(other), null),
                    WorkiomFilterOperator.In => new Pair(users.In(held), users.In(other), null),
                    WorkiomFilterOperator.NotIn => new Pair(users.NotIn(other), users.NotIn(held), null),
                    _ => Unsupported(field, op),
                };
            }

            case LinkField<VerifyRecord> link:
            {
                var held = sample.Links![0];
                return op switch
                {
                    WorkiomFilterOperator.Is => new Pair(link.Is(held), link.Is(AbsentRecordId), null),
                    WorkiomFilterOperator.IsNot => new Pair(link.IsNot(AbsentRecordId), link.IsNot(held), null),
                    _ => Unsupported(field, op),
                };
            }

            case BooleanField<VerifyRecord> flag:
                return op == WorkiomFilterOperator.Is
                    ? new Pair(flag.Is(sample.Flag!.Value), flag.Is(!sample.Flag.Value), null)
                    : Unsupported(field, op);

            default:
                return Unsupported(field, op);
        }
    }

    /// <summary>The client's descriptor for the field, as generated code would declare it.</summary>
    public static WorkiomField<VerifyRecord> Descriptor(VerifyField field)
    {
        int id = field.Id;
        string name = field.Name;
        return field.Type switch
        {
            WorkiomDataType.Text or WorkiomDataType.Website or WorkiomDataType.Email or WorkiomDataType.PhoneNumber => new TextField<VerifyRecord>(id, name, field.Type),
            WorkiomDataType.Number or WorkiomDataType.Currency or WorkiomDataType.ProgressBar or WorkiomDataType.Count
                or WorkiomDataType.AutoNumber or WorkiomDataType.Rollup => new NumberField<VerifyRecord>(id, name, field.Type),
            WorkiomDataType.DateTime when field.DateType == 0 => new DateField<VerifyRecord>(id, name),
            WorkiomDataType.DateTime => new DateTimeField<VerifyRecord>(id, name),
            WorkiomDataType.Boolean => new BooleanField<VerifyRecord>(id, name),
            WorkiomDataType.StaticSelect or WorkiomDataType.Status => new SelectField<VerifyRecord, VerifyOption>(id, name, field.Type),
            WorkiomDataType.MultiStaticSelect => new MultiSelectField<VerifyRecord, VerifyOption>(id, name),
            WorkiomDataType.User => new UserField<VerifyRecord>(id, name),
            WorkiomDataType.MultiUser => new MultiUserField<VerifyRecord>(id, name),
            WorkiomDataType.LinkList => new LinkField<VerifyRecord>(id, name),
            WorkiomDataType.File or WorkiomDataType.Signature => new FileField<VerifyRecord>(id, name, field.Type),
            WorkiomDataType.CheckList => new CheckListField<VerifyRecord>(id, name),
            _ => new RawField<VerifyRecord>(id, name, field.Type),
        };
    }

    /// <summary>A user id other than <paramref name="held"/>, for a condition that must not match.</summary>
    private static long OtherUser(long held) => held == long.MaxValue ? held - 1 : held + 1;

    // The client offers an operator verify has no condition for: reported as a failure, so the two never drift apart silently.
    private static Pair Unsupported(VerifyField field, WorkiomFilterOperator op) =>
        new(null, null, "verify has no condition for " + op + " on " + field.TypeName + ", which the client offers", Missing: true);
}
