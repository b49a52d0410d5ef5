using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Workiom.Generators.Diagnostics;

namespace Workiom.Generators.Analyzers;

/// <summary>
/// Reports WKM1001 where one expression joins <c>Workiom.Queries.FilterCondition&lt;T&gt;</c>
/// operands with both AND (<c>&amp;&amp;</c>, <c>&amp;</c>) and OR (<c>||</c>, <c>|</c>). Workiom's
/// <c>Data/All</c> holds one flat filter with one combinator, so such a filter cannot be sent; the
/// runtime throws for it too, but only once the query is built.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MixedFilterOperatorsAnalyzer : DiagnosticAnalyzer
{
    // Matched by metadata name: the analyzer ships without a reference to the runtime library.
    private const string FilterConditionMetadataName = "Workiom.Queries.FilterCondition`1";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MixedAndOr);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var filterCondition = start.Compilation.GetTypeByMetadataName(FilterConditionMetadataName);
            if (filterCondition is null)
            {
                return;
            }

            start.RegisterOperationAction(
                operationContext => AnalyzeBinary(operationContext, filterCondition),
                OperationKind.Binary);
        });
    }

    private static void AnalyzeBinary(OperationAnalysisContext context, INamedTypeSymbol filterCondition)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (Classify(binary, filterCondition) == Combinator.None)
        {
            return;
        }

        // Judge each filter expression once, from its outermost combining operator.
        if (context.Operation.Parent is IBinaryOperation parent && Classify(parent, filterCondition) != Combinator.None)
        {
            return;
        }

        var found = Combinator.None;
        Collect(binary, filterCondition, ref found);
        if (found == (Combinator.And | Combinator.Or))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MixedAndOr, binary.Syntax.GetLocation()));
        }
    }

    private static void Collect(IOperation operation, INamedTypeSymbol filterCondition, ref Combinator found)
    {
        if (operation is not IBinaryOperation binary)
        {
            return;
        }

        var combinator = Classify(binary, filterCondition);
        if (combinator == Combinator.None)
        {
            return;
        }

        found |= combinator;
        Collect(binary.LeftOperand, filterCondition, ref found);
        Collect(binary.RightOperand, filterCondition, ref found);
    }

    private static Combinator Classify(IBinaryOperation binary, INamedTypeSymbol filterCondition)
    {
        if (binary.Type is not INamedTypeSymbol type
            || !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, filterCondition))
        {
            return Combinator.None;
        }

        return binary.OperatorKind switch
        {
            BinaryOperatorKind.And or BinaryOperatorKind.ConditionalAnd => Combinator.And,
            BinaryOperatorKind.Or or BinaryOperatorKind.ConditionalOr => Combinator.Or,
            _ => Combinator.None,
        };
    }

    [System.Flags]
    private enum Combinator
    {
        None = 0,
        And = 1,
        Or = 2,
    }
}
