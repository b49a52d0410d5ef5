using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Model;

namespace Workiom.Generators.Naming;

/// <summary>
/// Settles the names every list claims in the build, the way the compiler and file systems compare them:
/// type names ordinally (two types that differ only in case are valid C#), generated file names ignoring
/// case (the compiler refuses two such files, and so do the file systems they may be written to).
/// Snapshots are taken in path order, so the outcome does not depend on the order the build lists them.
/// A list whose type, or its client extensions class, is already taken (or is a namespace of the build)
/// is generated as <c>{Type}_{ListId}</c>; a file name taken ignoring case gets the list id too. Two
/// snapshots of one list generate the first only. Every such change is a located diagnostic.
/// </summary>
internal static class ListNamer
{
    /// <summary>The suffix of the class that holds a list's client entry point.</summary>
    public const string ExtensionsSuffix = "WorkiomClientExtensions";

    /// <summary>The longest generated file name, in UTF-8 bytes before <c>.g.cs</c>; longer ones are shortened with a hash.</summary>
    private const int MaxHintBytes = 120;

    /// <summary>The longest list-id suffix kept readable; a longer or unreadable id is replaced by its hash.</summary>
    private const int MaxSuffixLength = 40;

    /// <param name="references">Every list of the build.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="probe">Called with the stage and the path before each list is named (a test seam for failures).</param>
    public static ListDirectory Resolve(ImmutableArray<ListReference> references, CancellationToken cancellationToken, System.Action<string, string>? probe = null)
    {
        var ordered = references
            .OrderBy(r => r.Path, System.StringComparer.Ordinal)
            .ThenBy(r => r.ListId, System.StringComparer.Ordinal)
            .ThenBy(r => r.Namespace, System.StringComparer.Ordinal)
            .ThenBy(r => r.TypeName, System.StringComparer.Ordinal)
            .ToList();

        var state = new State();
        foreach (var reference in ordered)
        {
            // A type cannot take the name of a namespace of the build (CS0101), whichever snapshot comes first.
            string @namespace = reference.Namespace;
            state.Namespaces.Add(@namespace);
            for (int dot = @namespace.IndexOf('.'); dot >= 0; dot = @namespace.IndexOf('.', dot + 1))
            {
                state.Namespaces.Add(@namespace.Substring(0, dot));
            }
        }

        var resolved = new List<ResolvedList>(ordered.Count);
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var reference in ordered)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                probe?.Invoke(GeneratorFailures.Naming, reference.Path);
                resolved.Add(ResolveOne(reference, state, diagnostics));
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                resolved.Add(new ResolvedList(reference.Path, reference.ListId, reference.Namespace, reference.TypeName, reference.EntryPointName, null));
                diagnostics.Add(GeneratorFailures.Describe(reference.Path, GeneratorFailures.Naming, exception));
            }
        }

        return new ListDirectory(resolved.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static ResolvedList ResolveOne(ListReference reference, State state, List<DiagnosticInfo> diagnostics)
    {
        string @namespace = reference.Namespace;
        if (state.Lists.TryGetValue(reference.ListId, out string? firstPath))
        {
            diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.DuplicateType.Id, reference.Path, null,
                @namespace + "." + reference.TypeName, firstPath, " (both are snapshots of list " + reference.ListId + ")"));
            return new ResolvedList(reference.Path, reference.ListId, @namespace, reference.TypeName, reference.EntryPointName, null);
        }

        state.Lists.Add(reference.ListId, reference.Path);
        string suffix = Suffix(reference.ListId);
        var notes = new List<string>();

        string typeName = reference.TypeName;
        if (state.Clash(@namespace, typeName) is { } clash)
        {
            typeName = FreeTypeName(state, @namespace, typeName, suffix, new HashSet<string>(reference.MemberNames, System.StringComparer.Ordinal));
            notes.Add(clash + ", so this list is generated as '" + @namespace + "." + typeName + "'");
        }

        string entryPoint = reference.EntryPointName;
        if (state.EntryPoints.TryGetValue(@namespace + "." + entryPoint, out string? entryOwner) || entryPoint == typeName + ExtensionsSuffix)
        {
            string taken = entryPoint;
            entryPoint = FreeEntryPoint(state, @namespace, typeName, entryPoint, suffix);
            notes.Add((entryOwner is null
                ? "the entry point '" + taken + "' is the name of its own class"
                : "the entry point '" + taken + "' of namespace '" + @namespace + "' is already generated by '" + entryOwner + "'")
                + ", so it is '" + entryPoint + "'");
        }

        string fullName = @namespace + "." + typeName;
        string hintName = HintName(fullName, null);
        if (state.Hints.TryGetValue(hintName, out var hintOwner))
        {
            for (int n = 1; state.Hints.ContainsKey(hintName); n++)
            {
                hintName = HintName(fullName, n == 1 ? suffix : suffix + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            notes.Add("'" + fullName + "' and '" + hintOwner.FullName + "' of '" + hintOwner.Path + "' "
                + (string.Equals(fullName, hintOwner.FullName, System.StringComparison.OrdinalIgnoreCase) ? "differ only in case" : "would share a generated file name")
                + ", and generated file names are compared ignoring case, so its file is '" + hintName + "'");
        }

        state.Types[fullName] = reference.Path;
        state.Types[fullName + ExtensionsSuffix] = reference.Path;
        state.Hints[hintName] = (fullName, reference.Path);
        state.EntryPoints[@namespace + "." + entryPoint] = reference.Path;
        if (notes.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.NameCollision.Id, reference.Path, reference.NameSpan,
                reference.ListName, reference.ListId, string.Join("; ", notes)));
        }

        return new ResolvedList(reference.Path, reference.ListId, @namespace, typeName, entryPoint, hintName);
    }

    /// <summary>
    /// <c>{Type}_{suffix}</c>, then <c>_2</c>, <c>_3</c>... until the name is free in the build, is not a member
    /// of the list's own type, and is a usable type name.
    /// </summary>
    private static string FreeTypeName(State state, string @namespace, string typeName, string suffix, HashSet<string> memberNames)
    {
        int room = IdentifierNames.MaxTypeNameLength - suffix.Length - 8;
        string start = (IdentifierNames.Shorten(typeName, room) ?? typeName) + "_" + suffix;
        for (int n = 1; n < 100_000; n++)
        {
            string candidate = n == 1 ? start : start + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (state.Clash(@namespace, candidate) is null
                && !memberNames.Contains(candidate)
                && !MemberNamer.IsReservedTypeName(candidate)
                && IdentifierNames.TypeNameProblem(candidate) is null)
            {
                return candidate;
            }
        }

        throw new System.InvalidOperationException("No free type name was found for '" + typeName + "'.");
    }

    private static string FreeEntryPoint(State state, string @namespace, string typeName, string entryPoint, string suffix)
    {
        int room = IdentifierNames.MaxLength - suffix.Length - 8;
        string start = (IdentifierNames.Shorten(entryPoint, room) ?? entryPoint) + "_" + suffix;
        for (int n = 1; n < 100_000; n++)
        {
            string candidate = n == 1 ? start : start + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!state.EntryPoints.ContainsKey(@namespace + "." + candidate) && candidate != typeName + ExtensionsSuffix)
            {
                return candidate;
            }
        }

        throw new System.InvalidOperationException("No free entry point name was found for '" + entryPoint + "'.");
    }

    /// <summary>The list id as an identifier part (<c>L2</c> for <c>l2</c>), or a hash of it when it has no usable letters or digits.</summary>
    private static string Suffix(string listId)
    {
        string pascal = IdentifierNames.ToPascalCase(listId);
        return pascal.Length is > 0 and <= MaxSuffixLength ? pascal : "X" + IdentifierNames.StableHash(listId);
    }

    /// <summary>
    /// <c>{Namespace}.{Type}.g.cs</c>, with <paramref name="extra"/> before <c>.g.cs</c> when given. A name
    /// too long for a file keeps its start and ends with a hash of the whole.
    /// </summary>
    private static string HintName(string fullName, string? extra)
    {
        string name = extra is null ? fullName : fullName + "." + extra;
        if (Encoding.UTF8.GetByteCount(name) > MaxHintBytes)
        {
            int length = 0, bytes = 0;
            while (length < name.Length && bytes + Encoding.UTF8.GetByteCount(name.Substring(length, 1)) <= MaxHintBytes - 10)
            {
                bytes += Encoding.UTF8.GetByteCount(name.Substring(length, 1));
                length++;
            }

            name = name.Substring(0, length) + "." + IdentifierNames.StableHash(name);
        }

        return name + ".g.cs";
    }

    private sealed class State
    {
        /// <summary>Every namespace of the build, with each of its parents.</summary>
        public HashSet<string> Namespaces { get; } = new(System.StringComparer.Ordinal);

        /// <summary>The full name of each generated top-level type, and the snapshot that generates it.</summary>
        public Dictionary<string, string> Types { get; } = new(System.StringComparer.Ordinal);

        /// <summary>Each generated file name, compared ignoring case, with its type and snapshot.</summary>
        public Dictionary<string, (string FullName, string Path)> Hints { get; } = new(System.StringComparer.OrdinalIgnoreCase);

        /// <summary>Each entry point, as <c>{Namespace}.{Method}</c>: two in one namespace make a call ambiguous.</summary>
        public Dictionary<string, string> EntryPoints { get; } = new(System.StringComparer.Ordinal);

        /// <summary>Each list id, and the snapshot generated for it.</summary>
        public Dictionary<string, string> Lists { get; } = new(System.StringComparer.Ordinal);

        /// <summary>Why a type of this name cannot be generated in this namespace, or null.</summary>
        public string? Clash(string @namespace, string typeName)
        {
            string fullName = @namespace + "." + typeName;
            if (Types.TryGetValue(fullName, out string? owner))
            {
                return "'" + fullName + "' is already generated by '" + owner + "'";
            }

            if (Types.TryGetValue(fullName + ExtensionsSuffix, out owner))
            {
                return "'" + fullName + ExtensionsSuffix + "' is already generated by '" + owner + "'";
            }

            if (Namespaces.Contains(fullName) || Namespaces.Contains(fullName + ExtensionsSuffix))
            {
                return "'" + fullName + "' is a namespace of the generated lists";
            }

            return null;
        }
    }
}
