namespace Workiom.Generators.Emitting;

/// <summary>
/// The namespace aliases a generated file declares inside its file-scoped namespace and uses only as
/// <c>Alias::Name</c>. An alias-qualified name looks up aliases alone, so no type, member or global
/// using alias of the consumer's (whatever its name) changes what these refer to; declared inside the
/// namespace, they do not clash with a consumer's <c>global using</c> of the same name either.
/// </summary>
internal static class Aliases
{
    public const string System = "System::";
    public const string Generic = "Generic::";
    public const string Json = "Json::";
    public const string Workiom = "Workiom::";
    public const string Queries = "Queries::";
    public const string Schema = "Schema::";
    public const string Serialization = "Serialization::";

    /// <summary>Whether <paramref name="name"/> is the name of one of the aliases.</summary>
    public static bool IsAliasName(string name) =>
        name is "System" or "Generic" or "Json" or "Workiom" or "Queries" or "Schema" or "Serialization";

    /// <summary>The using directives, in the order they are written.</summary>
    public static readonly string[] Directives =
    {
        "using Generic = global::System.Collections.Generic;",
        "using Json = global::System.Text.Json;",
        "using Queries = global::Workiom.Queries;",
        "using Schema = global::Workiom.Schema;",
        "using Serialization = global::Workiom.Serialization;",
        "using System = global::System;",
        "using Workiom = global::Workiom;",
    };
}
