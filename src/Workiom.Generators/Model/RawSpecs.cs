using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace Workiom.Generators.Model;

/// <summary>
/// A field as read from the snapshot, before it is named: <see cref="Field"/> has every value read but no
/// property name, option type or options yet; <see cref="Options"/> are the options read (for a field with
/// options only), unnamed and in snapshot order, repeated ids included. The spans are where diagnostics
/// about the field point. Lives only inside the parse step; never crosses the pipeline.
/// </summary>
internal sealed record RawField(FieldSpec Field, List<OptionSpec> Options, TextSpan IdSpan, TextSpan NameSpan, TextSpan? LinkedListIdSpan);

/// <summary>A saved view as read from the snapshot, before it is named, with where its name is. Parse step only.</summary>
internal sealed record RawView(ViewSpec View, TextSpan NameSpan);
