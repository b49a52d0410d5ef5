using Spectre.Console;

namespace Crm.Tests;

/// <summary>A console without colours or a terminal that writes to a string the test reads.</summary>
internal static class TestConsole
{
    public static IAnsiConsole Create(StringWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return console;
    }
}
