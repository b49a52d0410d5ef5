using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Workiom.Schema;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Checks at host start-up that the Workiom lists the app uses still match their snapshots.</summary>
public static class WorkiomSchemaCheckExtensions
{
    /// <summary>
    /// While the host starts (before hosted services start their work), fetches <c>Lists/Get</c> for every
    /// list the app uses (<see cref="WorkiomSchemaCheckOptions.Lists"/>; by default every list generated in
    /// the entry assembly) and compares it with the snapshot its type came from, as <c>workiom schema diff</c>
    /// does. Each change is logged (breaking and dangerous ones as warnings). Start-up fails with
    /// <see cref="WorkiomSchemaDriftException"/> on breaking drift only when
    /// <see cref="WorkiomSchemaCheckOptions.FailOnBreakingDrift"/> is set; when Workiom cannot be asked, a
    /// warning is logged and the app starts, unless <see cref="WorkiomSchemaCheckOptions.FailWhenUnavailable"/> is set.
    /// </summary>
    /// <param name="builder">The builder <c>AddWorkiom</c> returned.</param>
    /// <param name="configure">Sets the lists and when start-up fails.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="builder"/> is not the Workiom client's.</exception>
    public static IHttpClientBuilder ValidateSchemasOnStart(this IHttpClientBuilder builder, Action<WorkiomSchemaCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.Equals(builder.Name, WorkiomServiceCollectionExtensions.HttpClientName, StringComparison.Ordinal))
        {
            throw new ArgumentException("ValidateSchemasOnStart applies to the builder AddWorkiom returns, not to the HTTP client '" + builder.Name + "'.", nameof(builder));
        }

        var options = builder.Services.AddOptions<WorkiomSchemaCheckOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WorkiomSchemaValidator>());
        return builder;
    }
}
