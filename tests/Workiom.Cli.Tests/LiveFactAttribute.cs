namespace Workiom.Cli.Tests;

/// <summary>
/// A test that runs against a real Workiom tenant: skipped (and shown as skipped) unless
/// WORKIOM_LIVE_API_KEY and WORKIOM_LIVE_LIST are set; WORKIOM_LIVE_BASE_URL is optional.
/// </summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public const string ApiKeyVariable = "WORKIOM_LIVE_API_KEY";
    public const string ListVariable = "WORKIOM_LIVE_LIST";
    public const string BaseUrlVariable = "WORKIOM_LIVE_BASE_URL";

    public LiveFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ApiKeyVariable))
            || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ListVariable)))
        {
            Skip = "Set " + ApiKeyVariable + " and " + ListVariable + " (the id of a scratch list; optionally " + BaseUrlVariable
                + ") to run this against a real Workiom tenant.";
        }
    }
}
