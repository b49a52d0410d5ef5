using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkiomTemplateNs;
#if (!IsWorker)
using Workiom;
using Workiom.Http;
#endif

var builder = Host.CreateApplicationBuilder(args);

// The "Workiom" section of appsettings.json holds no secret. The key comes from user secrets
// (dotnet user-secrets set Workiom:ApiKey <key>), from Workiom__ApiKey, or, as for the workiom tool,
// from WORKIOM_API_KEY (and WORKIOM_BASE_URL).
var fromWorkiomTool = new Dictionary<string, string?>();
if (Environment.GetEnvironmentVariable("WORKIOM_API_KEY") is { Length: > 0 } apiKey)
{
    fromWorkiomTool["Workiom:ApiKey"] = apiKey;
}

if (Environment.GetEnvironmentVariable("WORKIOM_BASE_URL") is { Length: > 0 } baseUrl)
{
    fromWorkiomTool["Workiom:BaseUrl"] = baseUrl;
}

builder.Configuration.AddInMemoryCollection(fromWorkiomTool);
builder.Services.AddWorkiom(builder.Configuration);
#if (IsWorker)
builder.Services.AddHostedService<Worker>();

var host = builder.Build();
host.Run();
#else

if (string.IsNullOrEmpty(builder.Configuration["Workiom:ApiKey"]) && string.IsNullOrEmpty(builder.Configuration["Workiom:Password"]))
{
    Console.Error.WriteLine("No Workiom API key: run 'dotnet user-secrets set Workiom:ApiKey <key>' here, or set WORKIOM_API_KEY.");
    return 2;
}

using var host = builder.Build();
var workiom = host.Services.GetRequiredService<WorkiomClient>();
try
{
    var report = await WorkiomLists.CheckAsync(workiom, Console.Out);
    return report.HasBreakingDrift ? 1 : 0;
}
catch (WorkiomException exception)
{
    Console.Error.WriteLine("Workiom said: " + exception.Message);
    return 1;
}
#endif
