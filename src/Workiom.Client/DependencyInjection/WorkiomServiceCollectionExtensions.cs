using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

        var builder = services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler("workiom", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<WorkiomClientOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<WorkiomClient>();
            WorkiomResilience.Configure(pipeline, options, logger);
        });
        return builder;
    }
}
