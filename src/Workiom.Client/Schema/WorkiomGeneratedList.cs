using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Workiom.Schema;

/// <summary>
/// Names a class, generated beside each list's record type, that hands out the list's schema. Written by
/// the generator once per list; read by <see cref="WorkiomGeneratedList.Of(Assembly)"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class WorkiomGeneratedListAttribute : Attribute
{
    /// <summary>The attribute.</summary>
    /// <param name="list">A <see cref="WorkiomGeneratedList"/> with a public parameterless constructor.</param>
    public WorkiomGeneratedListAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type list)
    {
        ArgumentNullException.ThrowIfNull(list);
        List = list;
    }

    /// <summary>The generated class.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type List { get; }
}

/// <summary>
/// A list generated in an assembly. The generator derives one file-local class from this per list and
/// names it with an assembly-level <see cref="WorkiomGeneratedListAttribute"/>, so the lists of an assembly
/// are found without scanning its types, trimming and native AOT keep them, and no module initializer runs.
/// </summary>
public abstract class WorkiomGeneratedList
{
    /// <summary>The list's schema as its snapshot had it (the record type's <c>WorkiomSchema</c>).</summary>
    public abstract WorkiomListSchema Schema { get; }

    /// <summary>
    /// The list's ids in the build's other environments (the record type's <c>WorkiomEnvironments</c>); empty when
    /// the build lists none. Generated, so the schema check finds a list's environments without reflection.
    /// </summary>
    public virtual IReadOnlyList<WorkiomListEnvironment> Environments => [];

    /// <summary>The lists generated in <paramref name="assembly"/>, by list id; empty when it has none.</summary>
    /// <param name="assembly">An assembly built with Workiom snapshots, e.g. <c>typeof(Deal).Assembly</c>.</param>
    /// <returns>The schema of each list generated there.</returns>
    public static IReadOnlyList<WorkiomListSchema> Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var lists = new List<WorkiomListSchema>();
        foreach (var list in ListsIn(assembly))
        {
            lists.Add(list.Schema);
        }

        lists.Sort((a, b) => string.CompareOrdinal(a.ListId, b.ListId));
        return lists;
    }

    /// <summary>The generated lists an assembly names with <see cref="WorkiomGeneratedListAttribute"/>.</summary>
    internal static IEnumerable<WorkiomGeneratedList> ListsIn(Assembly assembly)
    {
        foreach (var attribute in assembly.GetCustomAttributes<WorkiomGeneratedListAttribute>())
        {
            yield return Activator.CreateInstance(attribute.List) as WorkiomGeneratedList
                ?? throw new InvalidOperationException("A type named by WorkiomGeneratedListAttribute in " + assembly.GetName().Name + " is not a WorkiomGeneratedList.");
        }
    }
}
