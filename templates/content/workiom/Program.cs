// Types are named from global:: because the project's name becomes its namespace: a project called
// Console, Host, Environment or Worker must not hide the types this file calls.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
#if (!IsWorker)
using Microsoft.Extensions.Options;
using Workiom.Http;
#endif

var builder = global::Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);

// The "Workiom" section of appsettings.json holds no secret. The key comes from user secrets
// (dotnet user-secrets set Workiom:ApiKey <key>), from Workiom__ApiKey, or, as for the workiom tool,
// from WORKIOM_API_KEY (and WORKIOM_BASE_URL).
var fromWorkiomTool = new Dictionary<string, string?>();
if (global::System.Environment.GetEnvironmentVariable("WORKIOM_API_KEY") is { Length: > 0 } apiKey)
{
    fromWorkiomTool["Workiom:ApiKey"] = apiKey;
}

if (global::System.Environment.GetEnvironmentVariable("WORKIOM_BASE_URL") is { Length: > 0 } baseUrl)
{
    fromWorkiomTool["Workiom:BaseUrl"] = baseUrl;
}

builder.Configuration.AddInMemoryCollection(fromWorkiomTool);
builder.Services.AddWorkiom(builder.Configuration);
#if (IsWorker)
builder.Services.AddOptions<global::WorkiomTemplateNs.WorkerOptions>()
    .Bind(builder.Configuration.GetSection(global::WorkiomTemplateNs.WorkerOptions.Section))
    .Validate(options => options.CheckInterval > global::System.TimeSpan.Zero, "Worker:CheckInterval must be positive.")
    .ValidateOnStart();
builder.Services.AddHostedService<global::WorkiomTemplateNs.Worker>();

var host = builder.Build();
host.Run();
#else

if (string.IsNullOrEmpty(builder.Configuration["Workiom:ApiKey"]) && string.IsNullOrEmpty(builder.Configuration["Workiom:Password"]))
{
    global::System.Console.Error.WriteLine("No Workiom API key: run 'dotnet user-secrets set Workiom:ApiKey <key>' here, or set WORKIOM_API_KEY.");
    return 2;
}

using var host = builder.Build();
try
{
    var workiom = host.Services.GetRequiredService<WorkiomClient>();
    var report = await global::WorkiomTemplateNs.WorkiomLists.CheckAsync(workiom, global::System.Console.Out);
    return report.HasBreakingDrift ? 1 : 0;
}
catch (OptionsValidationException exception)
{
    // The failures name the setting and what is wrong with it, never its value.
    global::System.Console.Error.WriteLine("Workiom settings: " + string.Join(" ", exception.Failures));
    return 2;
}
catch (global::Workiom.WorkiomConfigurationException exception)
{
    global::System.Console.Error.WriteLine("Workiom settings: " + exception.Message);
    return 2;
}
catch (global::Workiom.WorkiomException exception)
{
    global::System.Console.Error.WriteLine("Workiom said: " + exception.Message);
    return 1;
}
#endif
