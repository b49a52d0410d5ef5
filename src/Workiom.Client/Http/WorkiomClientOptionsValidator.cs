using Microsoft.Extensions.Options;

namespace Workiom.Http;

/// <summary>
/// Runs <see cref="WorkiomClientOptions.Validate"/> for the options <c>AddWorkiom</c> registers, so a
/// host refuses unusable options when it starts rather than at the first call.
/// </summary>
internal sealed class WorkiomClientOptionsValidator : IValidateOptions<WorkiomClientOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkiomClientOptions options)
    {
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (WorkiomConfigurationException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }
    }
}
