using System.Globalization;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Environments;
using Workiom.Generators.Model;

namespace Workiom.Cli.Environments;

/// <summary>One environment's snapshot folder as the generator's matcher reads it: outlines, the mapping file, and what could not be read.</summary>
internal sealed record EnvironmentFolder(string Name, string Folder, IReadOnlyList<SnapshotOutline> Lists, EnvironmentMap? Map, IReadOnlyList<DiagnosticInfo> Diagnostics);

/// <summary>Reads snapshot folders for <c>schema map</c> and <c>schema diff --env</c>, offline.</summary>
internal static class EnvironmentSnapshots
{
    /// <summary>
    /// The snapshots directly in <paramref name="folder"/>, and its mapping file when it has one. A *.json file that is
    /// not a list snapshot by <see cref="SnapshotStore.IsListSnapshot"/> is skipped, as pull and check skip it; a list
    /// snapshot the generator cannot read, or a map entry that cannot be read, is a diagnostic, never an exception.
    /// </summary>
    public static EnvironmentFolder Read(string name, string folder, CancellationToken cancellationToken)
    {
        var lists = new List<SnapshotOutline>();
        var diagnostics = new List<DiagnosticInfo>();
        EnvironmentMap? map = null;
        if (Directory.Exists(folder))
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string text = File.ReadAllText(file);
                if (EnvironmentMap.IsMapFile(file))
                {
                    var read = EnvironmentMap.Read(file, text, cancellationToken);
                    map = read.Map;
                    diagnostics.AddRange(read.Diagnostics);
                    continue;
                }

                if (!SnapshotStore.IsListSnapshot(text))
                {
                    // Not a list (the format's JSON Schema, another tool's file): skipped, as pull and check skip it.
                    continue;
                }

                var outline = SnapshotOutline.Read(file, text, cancellationToken);
                diagnostics.AddRange(outline.Diagnostics);
                if (outline.Outline is not null)
                {
                    lists.Add(outline.Outline);
                }
            }
        }

        return new EnvironmentFolder(name, folder, lists, map, diagnostics);
    }

    /// <summary>One line for a diagnostic: <c>path(line,column): warning WKM0014: message</c>, the path relative to <paramref name="workingDirectory"/>.</summary>
    public static string Format(DiagnosticInfo diagnostic, string workingDirectory)
    {
        var descriptor = DiagnosticDescriptors.ById(diagnostic.Id);
        string message = string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), diagnostic.MessageArgs.Cast<object>().ToArray());
        string severity = descriptor.DefaultSeverity.ToString().ToLowerInvariant();
        string path = Path.GetRelativePath(workingDirectory, diagnostic.Path).Replace('\\', '/');
        return path + "(" + (diagnostic.StartLine + 1).ToString(CultureInfo.InvariantCulture) + "," + (diagnostic.StartCharacter + 1).ToString(CultureInfo.InvariantCulture) + "): "
            + severity + " " + diagnostic.Id + ": " + message;
    }

    /// <summary>A data type as people read it: its name and number (<c>Text (0)</c>).</summary>
    public static string DataType(int dataType) =>
        (Enum.IsDefined(typeof(WorkiomDataType), dataType) ? ((WorkiomDataType)dataType).ToString() : "unknown") + " (" + dataType.ToString(CultureInfo.InvariantCulture) + ")";
}
