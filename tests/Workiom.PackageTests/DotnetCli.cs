using System.Diagnostics;
using System.Text;

namespace Workiom.PackageTests;

/// <summary>The outcome of one <c>dotnet</c> command: its exit code and its standard output and error, interleaved.</summary>
public sealed record DotnetResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>
    /// The command, exit code and output for a failure message, trimmed to the last lines (where the
    /// errors and the summary are) so a CI log stays readable.
    /// </summary>
    public string Describe(int maxLines = 80)
    {
        var lines = Output.Split('\n');
        string shown = lines.Length <= maxLines
            ? Output
            : $"[... {lines.Length - maxLines} earlier lines left out ...]\n" + string.Join('\n', lines[^maxLines..]);
        return $"'{CommandLine}' exited with {ExitCode}:\n{shown}";
    }
}

/// <summary>
/// Runs the <c>dotnet</c> on the PATH as a child process, the way a user runs it in a terminal, with a
/// safety timeout: a child that hangs is killed with its whole process tree and the test fails saying so.
/// </summary>
public static class DotnetCli
{
    public static Task<DotnetResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(workingDirectory, timeout, new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="RunAsync(string, TimeSpan, string[])"/>, with <paramref name="environment"/> set in the child.</summary>
    public static async Task<DotnetResult> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside 'dotnet test', whose MSBuild variables would point the child at the
        // parent's MSBuild instead of letting it resolve its own SDK as a user's shell would.
        foreach (string name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // No build server, compiler server or node outlives the command.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        string commandLine = "dotnet " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start " + commandLine);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            string partial;
            lock (output)
            {
                partial = output.ToString();
            }

            throw new TimeoutException(
                $"'{commandLine}' in {workingDirectory} did not finish within {timeout.TotalSeconds:0} s and was killed " +
                "(a safety limit, not a measurement). Output so far:\n" + new DotnetResult(commandLine, -1, partial).Describe());
        }

        // The parameterless wait also drains the redirected streams after exit.
        process.WaitForExit();
        lock (output)
        {
            return new DotnetResult(commandLine, process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }
}
