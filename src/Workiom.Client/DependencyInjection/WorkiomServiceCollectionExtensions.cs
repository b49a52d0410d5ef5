using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workiom.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="WorkiomClient"/> with <c>IHttpClientFactory</c> and the Workiom retry pipeline.</summary>
public static class WorkiomServiceCollectionExtensions
{
    /// <summary>The name of the <c>IHttpClientFactory</c> client Workiom calls go through.</summary>
    public const string HttpClientName = "Workiom";

    /// <summary>Registers the client with options bound from the <c>Workiom</c> section of <paramref name="configuration"/>.</summary>
    public static IHttpClientBuilder AddWorkiom(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(WorkiomClientOptions.SectionName);
        services.AddOptions<WorkiomClientOptions>().Configure(options => section.Bind(options)).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers the client with options set in code.</summary>
    public static IHttpClientBuilder AddWorkiom(this IServiceCollection services, Action<WorkiomClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WorkiomClientOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddLogging();

        // Checked when the host starts (ValidateOnStart) and whenever the options are read.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkiomClientOptions>, WorkiomClientOptionsValidator>());

        // The password login caches its token, so it lives as long as the container, and logs in
        // through the same named client (and so the same retries and timeouts).
        services.AddSingleton<WorkiomPasswordTokenProvider>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WorkiomClientOptions>>().Value;
            return new WorkiomPasswordTokenProvider(
                provider.GetRequiredService<IHttpClientFactory>(), HttpClientName, options, provider.GetService<TimeProvider>());
        });

        // A singleton is safe: the client takes a fresh factory client per call, so handler
        // rotation (DNS changes) still reaches it.
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WorkiomClientOptions>>().Value;
            var tokenProvider = provider.GetService<IWorkiomTokenProvider>()
                ?? (options.UsesPasswordLogin ? provider.GetRequiredService<WorkiomPasswordTokenProvider>() : null);
            return new WorkiomClient(
                provider.GetRequiredService<IHttpClientFactory>(),
                HttpClientName,
                options,
                provider.GetService<ILogger<WorkiomClient>>(),
                tokenProvider);
        });

        // Never follow redirects, and never let a retry handler outside the Workiom pipeline repeat a
        // create: applied after every other configuration of the client, including the app's own.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, WorkiomHandlerFilter>());

        var builder = services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);

        // An app-wide ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler()) would wrap this
        // client in retries that repeat POST after a timeout and cut its timeouts short: remove every
        // resilience handler configured before this point (what the package's experimental
        // RemoveAllResilienceHandlers does, through the stable API).
        builder.ConfigureAdditionalHttpMessageHandlers(static (handlers, _) =>
        {
            for (int i = handlers.Count - 1; i >= 0; i--)
            {
                if (handlers[i] is ResilienceHandler)
                {
                    handlers.RemoveAt(i);
                }
            }
        });
        builder.AddResilienceHandler("workiom", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<WorkiomClientOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<WorkiomClient>();
            WorkiomResilience.Configure(pipeline, options, logger);
        });
        return builder;
    }
}

/// <summary>
/// Finishes the Workiom client's handler chain after all other configuration ran: turns off the
/// primary handler's automatic redirects and puts <see cref="WorkiomSendGuard"/> innermost, so no
/// handler added by the app (defaults or its own) can carry the key to another host or send a
/// create twice.
/// </summary>
internal sealed class WorkiomHandlerFilter : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return builder =>
        {
            next(builder);
            if (string.Equals(builder.Name, WorkiomServiceCollectionExtensions.HttpClientName, StringComparison.Ordinal))
            {
                // Scrubbed right on the primary handler: below the factory's request logging and the retry telemetry.
                builder.PrimaryHandler = new WorkiomScrubbingHandler(WorkiomRedirects.Refuse(builder.PrimaryHandler));
                builder.AdditionalHandlers.Add(new WorkiomSendGuard());
            }
        };
    }
}
